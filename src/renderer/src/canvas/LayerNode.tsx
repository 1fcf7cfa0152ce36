/**
 * One canvas node, for every layer kind: its title and course layer index, what it
 * does with its parameters, the parameter shapes in course notation, and any
 * dimension error the compiler attached to it.
 */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { type Dim, formatShape, type LayerShapeInfo } from '../../../../engine/compile';
import { NODE_KINDS } from '../graph/node-kinds';
import type { AppNode } from '../graph/document';
import { useCompile } from './compile-context';
import { useServices } from '../stores';

const SHAPE_ORDER = ['W', 'b', 'Z', 'A'] as const;

function shapeLines(layer: LayerShapeInfo | undefined): string[] {
  if (!layer) return [];
  const index = layer.l !== null ? `[${layer.l}]` : '';
  return SHAPE_ORDER.filter((key) => layer.shapes[key]).map((key) => `${key}${index}: ${formatParamShape(layer.shapes[key]!)}`);
}

/** Conv filters read as the course writes them, f × f × n_C_prev × n_C; matrices as (rows, cols). */
export function formatParamShape(dims: Dim[]): string {
  return dims.length === 4 ? dims.join(' × ') : formatShape(dims);
}

export const LayerNode = memo(function LayerNode({ id, type, data, selected }: NodeProps<AppNode>) {
  const info = NODE_KINDS[type];
  const { layerById, diagnosticsByNode } = useCompile();
  const { graph } = useServices();
  const layer = layerById.get(id);
  const diagnostics = diagnosticsByNode.get(id) ?? [];
  const hasError = diagnostics.some((d) => d.severity === 'error');
  const title = layer?.l !== null && layer?.l !== undefined ? `${info.title} · layer ${layer.l}` : info.title;

  return (
    <div
      className={`layer-node kind-${type}${selected ? ' selected' : ''}${hasError ? ' has-error' : ''}`}
      data-testid={`node-${id}`}
      aria-label={`${title}${hasError ? ' (has an error)' : ''}`}
    >
      {info.inputs.map((handle, i) => (
        <Handle
          key={handle}
          type="target"
          position={Position.Left}
          id={handle}
          style={info.inputs.length > 1 ? { top: `${((i + 1) * 100) / (info.inputs.length + 1)}%` } : undefined}
          data-testid={`handle-in-${id}-${handle}`}
        />
      ))}
      <div className="layer-node__title">
        {title}
        {data.frozen === true && (
          <span className="layer-node__frozen" data-testid={`frozen-${id}`} title="Frozen: its weights are not trained">
            {' '}
            ❄ frozen
          </span>
        )}
      </div>
      <div className="layer-node__summary">{info.summarise(data)}</div>
      {layer && (
        <ul className="layer-node__shapes">
          {shapeLines(layer).map((line) => (
            <li key={line}>{line}</li>
          ))}
          {layer.params > 0 && (
            <li className="muted">
              {layer.params.toLocaleString('en')} parameters{layer.frozen ? ', frozen' : ''}
            </li>
          )}
        </ul>
      )}
      {diagnostics.map((d, i) => (
        <div key={i} className={`layer-node__diagnostic ${d.severity}`} role={d.severity === 'error' ? 'alert' : undefined}>
          {d.message}
          {d.hint && <div className="layer-node__hint">{d.hint}</div>}
          {d.fix && (
            <button
              type="button"
              className="quick-fix nodrag"
              onClick={(event) => {
                event.stopPropagation();
                graph.getState().applyFix(d.fix!);
              }}
            >
              {d.fix.kind === 'insert-flatten' ? 'Insert flatten' : d.fix.label}
            </button>
          )}
        </div>
      ))}
      {info.hasOutput && <Handle type="source" position={Position.Right} id="out" data-testid={`handle-out-${id}`} />}
    </div>
  );
});

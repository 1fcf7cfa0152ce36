/** Edits the selected node with typed fields; shows its shapes and what is wrong with it. */
import { useMemo } from 'react';
import { formatShape } from '../../../../engine/compile';
import { NODE_KINDS } from '../graph/node-kinds';
import { useCompile } from '../canvas/compile-context';
import { useGraph, useServices } from '../stores';
import { FieldEditor } from './FieldEditor';

export function Inspector() {
  const { graph } = useServices();
  const nodes = useGraph((s) => s.doc.nodes);
  const selected = useMemo(() => nodes.filter((n) => n.selected), [nodes]);
  const { layerById, diagnosticsByNode } = useCompile();

  if (selected.length !== 1) {
    return (
      <section className="inspector" aria-label="Inspector">
        <h2>Inspector</h2>
        <p className="muted">{selected.length === 0 ? 'Select a layer to edit it.' : `${selected.length} layers selected.`}</p>
      </section>
    );
  }

  const node = selected[0]!;
  const info = NODE_KINDS[node.type!];
  const layer = layerById.get(node.id);
  const diagnostics = diagnosticsByNode.get(node.id) ?? [];
  const set = (param: string, value: unknown, typingSession?: string) => graph.getState().setParam(node.id, param, value, typingSession);

  return (
    <section className="inspector" aria-label="Inspector" data-testid="inspector">
      <h2>
        {info.title}
        {layer?.l != null && <span className="muted"> · layer {layer.l}</span>}
      </h2>
      <p className="muted">{info.description}</p>
      {info.fields.map((field) => (
        <FieldEditor key={field.param} field={field} value={node.data[field.param]} onChange={(value, typing) => set(field.param, value, typing)} />
      ))}
      {diagnostics.map((d, i) => (
        <div key={i} className={`diagnostic ${d.severity}`} role="alert">
          <div>{d.message}</div>
          {d.hint && <div className="diagnostic__hint">{d.hint}</div>}
          {d.fix && (
            <button type="button" className="quick-fix" onClick={() => graph.getState().applyFix(d.fix!)}>
              {d.fix.kind === 'insert-flatten' ? 'Insert flatten' : d.fix.label}
            </button>
          )}
        </div>
      ))}
      {layer && Object.keys(layer.shapes).length > 0 && (
        <table className="shape-table">
          <tbody>
            {Object.entries(layer.shapes).map(([name, dims]) => (
              <tr key={name}>
                <th>
                  {name}
                  {layer.l != null ? `[${layer.l}]` : ''}
                </th>
                <td>{formatShape(dims)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

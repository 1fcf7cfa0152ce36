/**
 * The course's "getting your matrix dimensions right", for the whole network:
 * every layer's W, b, Z, A, dW, db and parameter count, updated as you type — and,
 * once a run has made its first forward/backward pass, the shapes the engine
 * actually produced (✓ when they match, ✗ with both shapes when not), FLOPs per
 * example and memory for the batch size.
 */
import { formatShape } from '../../../../engine/compile';
import { NODE_KINDS } from '../graph/node-kinds';
import { useCompile } from '../canvas/compile-context';
import { estimateTrainExamples } from '../run/run-length';
import { useDatasetStore } from '../data/dataset-store';
import { useRun, useSettings } from '../stores';
import { actualBatch, checkShapes, flopsPerExample, formatBytes, formatCount, memoryBytes } from './dimension-check';
import { BottleneckCosts, ParamCounts } from './BottleneckCosts';
import './panels.css';

const COLUMNS = ['W', 'b', 'Z', 'A', 'dW', 'db'] as const;

export function DimensionTable() {
  const { result } = useCompile();
  const actual = useRun((s) => s.shapes);
  const datasetId = useSettings((s) => s.datasetId);
  const batchSize = useSettings((s) => s.batchSize);
  const prep = useDatasetStore((s) => s.prep);
  useDatasetStore((s) => s.datasets); // a loaded dataset changes the estimate
  const total = result.layers.reduce((sum, layer) => sum + layer.params, 0);
  const runBatch = actual ? actualBatch(result.layers, actual) : null;
  // Before a run: the mini-batch the settings will give (the training split, not the whole dataset).
  const trainExamples = estimateTrainExamples(datasetId, prep) ?? 1;
  const batch = runBatch ?? (batchSize === 'full' ? trainExamples : Math.min(batchSize, trainExamples));
  const flops = result.layers.map((layer) => flopsPerExample(layer.shapes, layer.outShape));
  const totalFlops = flops.reduce((a, b) => a + b, 0);
  return (
    <section className="panel dimension-table" aria-label="Dimensions" data-testid="dimension-table">
      <h2>Dimensions</h2>
      {result.layers.length === 0 ? (
        <p className="empty">Connect an input to see every layer's shapes.</p>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th>layer</th>
                {COLUMNS.map((c) => (
                  <th key={c}>{c}</th>
                ))}
                <th>params</th>
                <th title="Forward floating-point operations per example (backward ≈ 2×)">FLOPs</th>
                <th title="Shapes the engine produced in the first forward/backward pass">run</th>
              </tr>
            </thead>
            <tbody>
              {result.layers.map((layer, index) => {
                const check = checkShapes(layer.shapes, actual?.find((a) => a.id === layer.id)?.shapes, batch);
                return (
                  <tr key={layer.id} data-testid={`dims-${layer.id}`}>
                    <td>
                      {NODE_KINDS[layer.kind].title}
                      {layer.l !== null ? ` [${layer.l}]` : ''}
                    </td>
                    {COLUMNS.map((c) => (
                      <td key={c}>{layer.shapes[c] ? formatShape(layer.shapes[c]!) : ''}</td>
                    ))}
                    <td className="num" data-frozen={layer.frozen ? 'true' : undefined} title={layer.frozen ? 'frozen: not trained' : undefined}>
                      {layer.params ? layer.params.toLocaleString('en') : ''}
                      {layer.frozen ? ' ❄' : ''}
                    </td>
                    <td className="num">{formatCount(flops[index])}</td>
                    <td
                      className={check.status === 'ok' ? 'ok' : check.status === 'mismatch' ? 'bad' : 'muted'}
                      data-testid={`dims-check-${layer.id}`}
                      data-check={check.status}
                      title={
                        check.status === 'mismatch'
                          ? check.mismatches.map((x) => `${x.key}: expected ${x.expected}, got ${x.actual}`).join('\n')
                          : check.status === 'ok'
                            ? `matches the engine with m = ${batch}`
                            : actual
                              ? 'not in the last run'
                              : 'Press Train to compare with the engine'
                      }
                    >
                      {check.status === 'ok' ? '✓' : check.status === 'mismatch' ? '✗' : '·'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={COLUMNS.length + 1}>total</td>
                <td className="num" data-testid="dims-total">
                  {total.toLocaleString('en')}
                </td>
                <td className="num">{formatCount(totalFlops)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
          <ParamCounts result={result} />
          <BottleneckCosts result={result} />
          <p className="muted small" data-testid="dims-memory">
            Memory for a batch of m = {batch.toLocaleString('en')}: about {formatBytes(memoryBytes(result.layers, batch))} (float32: Z, A, dZ, dA and parameters
            with gradients and optimizer state).{' '}
            {actual
              ? runBatch !== null
                ? 'Checked against the last run (✓ = the engine produced the expected shapes).'
                : ''
              : 'Press Train to check the shapes against the engine.'}
          </p>
        </>
      )}
    </section>
  );
}

/**
 * The course's "getting your matrix dimensions right", for the whole network:
 * every layer's W, b, Z, A, dW, db and parameter count, updated as you type.
 */
import { formatShape } from '../../../../engine/compile';
import { NODE_KINDS } from '../graph/node-kinds';
import { useCompile } from '../canvas/compile-context';

const COLUMNS = ['W', 'b', 'Z', 'A', 'dW', 'db'] as const;

export function DimensionTable() {
  const { result } = useCompile();
  const total = result.layers.reduce((sum, layer) => sum + layer.params, 0);
  return (
    <section className="panel dimension-table" aria-label="Dimensions" data-testid="dimension-table">
      <h2>Dimensions</h2>
      {result.layers.length === 0 ? (
        <p className="empty">Connect an input to see every layer's shapes.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>layer</th>
              {COLUMNS.map((c) => (
                <th key={c}>{c}</th>
              ))}
              <th>params</th>
            </tr>
          </thead>
          <tbody>
            {result.layers.map((layer) => (
              <tr key={layer.id} data-testid={`dims-${layer.id}`}>
                <td>
                  {NODE_KINDS[layer.kind].title}
                  {layer.l !== null ? ` [${layer.l}]` : ''}
                </td>
                {COLUMNS.map((c) => (
                  <td key={c}>{layer.shapes[c] ? formatShape(layer.shapes[c]!) : ''}</td>
                ))}
                <td className="num">{layer.params ? layer.params.toLocaleString('en') : ''}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={COLUMNS.length + 1}>total</td>
              <td className="num" data-testid="dims-total">
                {total.toLocaleString('en')}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

/**
 * Under the dimension table: trainable and frozen parameter counts (as Keras' summary() gives
 * them), and for every 1×1 "bottleneck" convolution that shrinks n_C before an f×f one, the
 * multiplications per example against the f×f conv applied to all the channels — the course's
 * Inception cost example (28×28×192 → 5×5, 32 filters: 120 M; through a 1×1 of 16: 12.4 M).
 */
import type { CompileResult } from '../../../../engine/compile/types';
import { countParams } from '../../../../engine/compile/param-counts';

const count = (n: number) => n.toLocaleString('en');
const millions = (n: number) => `${(n / 1e6).toFixed(1)} M`;

export function ParamCounts({ result }: { result: CompileResult }) {
  const { total, trainable, frozen } = countParams(result.layers);
  return (
    <p className="small" data-testid="dims-trainable" data-trainable={trainable} data-frozen={frozen}>
      Total parameters {count(total)} · trainable <strong>{count(trainable)}</strong> · frozen <strong>{count(frozen)}</strong>
      {frozen > 0 && <span className="muted"> (frozen layers keep their weights while training; batch norm keeps its running averages)</span>}
    </p>
  );
}

export function BottleneckCosts({ result }: { result: CompileResult }) {
  if (result.bottlenecks.length === 0) return null;
  return (
    <table className="compact" data-testid="bottlenecks">
      <caption>Bottlenecks: multiplications per example</caption>
      <thead>
        <tr>
          <th>1×1 → f×f</th>
          <th title="The 1×1 conv and the f×f conv after it">with the bottleneck</th>
          <th title="The same f×f conv on all the input channels">plain f×f</th>
          <th>saving</th>
        </tr>
      </thead>
      <tbody>
        {result.bottlenecks.map((b) => (
          <tr key={b.convId} data-testid={`bottleneck-${b.convId}`}>
            <td>
              {b.bottleneckId} ({b.channelsIn} → {b.channelsBetween}) → {b.convId} ({b.f}×{b.f})
            </td>
            <td className="num" data-testid={`bottleneck-${b.convId}-with`} title={millions(b.multiplies)}>
              {count(b.multiplies)}
            </td>
            <td className="num" data-testid={`bottleneck-${b.convId}-plain`} title={millions(b.plainMultiplies)}>
              {count(b.plainMultiplies)}
            </td>
            <td className="num">{(b.plainMultiplies / b.multiplies).toFixed(1)}× fewer</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

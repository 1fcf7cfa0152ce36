/**
 * The walk-through that comes with a template (Template.guide): for the transfer-learning
 * template, the worked example — train on digits 0–4, then compare transfer (frozen
 * convolutions, a new output layer) with training from scratch on a small subset of 5–9.
 */
import { create } from 'zustand';
import { NumberInput } from '../controls/NumberInput';
import type { NumberRule } from '../controls/number-rule';
import { useServices } from '../stores';
import { runTransferExample, useExample } from './run-example';

export const useTemplateGuide = create<{ guide: 'transfer-example' | null }>()(() => ({ guide: null }));

const SUBSET: NumberRule = { min: 5, max: 3000, integer: true };
const DRAWS: NumberRule = { min: 1, max: 10, integer: true };
const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)} %`);

export function TemplateGuide() {
  const services = useServices();
  const guide = useTemplateGuide((s) => s.guide);
  const { status, step, baseAccuracy, summary, error, subset, draws } = useExample();
  if (guide !== 'transfer-example') return null;
  const running = status === 'running';
  return (
    <aside className="template-guide" aria-label="Worked example: transfer learning" data-testid="transfer-example" data-status={status}>
      <h3>Worked example: transfer learning</h3>
      <p className="small">
        1. Train this network on the digits 0–4. 2. Keep its convolutions (frozen) and its dense layer, replace the last layer for the digits 5–9, and train on
        a small subset. 3. Train the same network from scratch on the same subset. Both are measured on the same dev set of 5–9.
      </p>
      <p className="small">
        <label>
          images of 5–9{' '}
          <NumberInput
            aria-label="Images of 5–9"
            size={5}
            rule={SUBSET}
            value={subset}
            disabled={running}
            onCommit={(v) => useExample.setState({ subset: v })}
          />
        </label>{' '}
        <label>
          subsets{' '}
          <NumberInput aria-label="Subsets" size={3} rule={DRAWS} value={draws} disabled={running} onCommit={(v) => useExample.setState({ draws: v })} />
        </label>{' '}
        <button type="button" className="primary" onClick={() => void runTransferExample(services)} disabled={running}>
          Run the worked example
        </button>{' '}
        <button type="button" onClick={() => useTemplateGuide.setState({ guide: null })} disabled={running}>
          Close
        </button>
      </p>
      {step && (
        <p className="small" role="status">
          {step} <progress />
        </p>
      )}
      {error && (
        <p className="diagnostic error" role="alert">
          {error}
        </p>
      )}
      {baseAccuracy !== null && (
        <p className="small" data-testid="example-base">
          Digits 0–4: dev accuracy {pct(baseAccuracy)}.
        </p>
      )}
      {summary && (
        <table className="compact" data-testid="example-results" data-transfer={summary.transfer} data-scratch={summary.scratch}>
          <thead>
            <tr>
              <th>digits 5–9, {subset} images</th>
              <th>transferred</th>
              <th>from scratch</th>
            </tr>
          </thead>
          <tbody>
            {summary.draws.map((d, i) => (
              <tr key={i}>
                <td>subset {i + 1}</td>
                <td className="num">{pct(d.transfer)}</td>
                <td className="num">{pct(d.scratch)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>mean dev accuracy</th>
              <td className="num" data-testid="example-transfer">
                {pct(summary.transfer)}
              </td>
              <td className="num" data-testid="example-scratch">
                {pct(summary.scratch)}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      {summary && (
        <p className="muted small">
          The canvas now holds the transfer network (❄ frozen convolutions, a new output) with the 0–4 run’s weights chosen (Transfer in the toolbar): train it
          further, or overlay the runs in Runs.
        </p>
      )}
    </aside>
  );
}

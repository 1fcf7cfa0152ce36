/**
 * The Training tab: the course's hyperparameters beyond α and the run's length (which stay in the
 * toolbar) — mini-batch size, optimizer, L2 λ, learning-rate decay with a preview of α over the
 * run, early stopping, the seed with "New seed" — and what the next run starts from.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useCompile } from '../canvas/compile-context';
import { NumberInput } from '../controls/NumberInput';
import type { NumberRule } from '../controls/number-rule';
import { useDatasetStore } from '../data/dataset-store';
import { ContinueFrom } from '../project/ContinueFrom';
import { openSearch } from '../search/search-store';
import { startWeights } from '../project/start-weights';
import { useRun, useServices, useSettings } from '../stores';
import type { DecayConfig, OptimizerKind } from '../../../../engine/train';
import { DecayPreview } from './DecayPreview';
import { estimateRunLength, estimateTrainExamples } from './run-length';
import { freshSeed } from './settings-store';
import { useTrainingActions } from './use-training';
import { useTrainWarnings } from './train-warnings';

const BATCH_SIZES = ['full', '1', '16', '32', '64', '128', '256', '512'];
const L2: NumberRule = { min: 0, max: 1000 };
const PATIENCE: NumberRule = { min: 1, max: 100_000, integer: true };
const SEED: NumberRule = { min: -1e9, max: 1e9, integer: true };
const UNIT_RATE: NumberRule = { min: 0, max: 100 };
const FRACTION: NumberRule = { min: 0, max: 1 };
const INTERVAL: NumberRule = { min: 1, max: 1_000_000, integer: true };

const OPTIMIZERS: { kind: OptimizerKind; label: string; help: string }[] = [
  { kind: 'gd', label: 'Gradient descent', help: 'W := W − α·dW' },
  { kind: 'momentum', label: 'Momentum', help: 'v = βv + (1−β)dW, W := W − α·v, β = 0.9' },
  { kind: 'rmsprop', label: 'RMSprop', help: 's = β₂s + (1−β₂)dW², W := W − α·dW/(√s + ε), β₂ = 0.999' },
  { kind: 'adam', label: 'Adam', help: 'momentum and RMSprop with bias correction, β₁ = 0.9, β₂ = 0.999, ε = 1e−8' },
];

/** The course's schedules, each with the constant it is usually shown with. */
const DECAYS: { kind: DecayConfig['kind']; label: string; initial: DecayConfig }[] = [
  { kind: 'none', label: 'none (constant α)', initial: { kind: 'none' } },
  { kind: 'inverse', label: 'α₀ / (1 + rate · epoch)', initial: { kind: 'inverse', decayRate: 1 } },
  { kind: 'exponential', label: 'base^epoch · α₀', initial: { kind: 'exponential', base: 0.95 } },
  { kind: 'sqrt', label: 'k / √epoch · α₀', initial: { kind: 'sqrt', k: 1 } },
  { kind: 'staircase', label: 'staircase: × factor per n epochs', initial: { kind: 'staircase', factor: 0.5, interval: 10 } },
];

export function TrainingPanel() {
  const { settings } = useServices();
  const s = useSettings((state) => state);
  const prep = useDatasetStore((state) => state.prep);
  useDatasetStore((state) => state.datasets); // a loaded dataset changes the estimate
  const status = useRun((state) => state.status);
  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'stopping';
  const { result } = useCompile();
  const { train } = useTrainingActions();
  const warnings = useTrainWarnings();
  const set = settings.setState;

  const trainExamples = estimateTrainExamples(s.datasetId, prep);
  const length = useMemo(() => (trainExamples ? estimateRunLength(s, trainExamples) : null), [s, trainExamples]);
  const hasDev = prep.splitOn && prep.dev > 0;
  const optimizer = OPTIMIZERS.find((o) => o.kind === s.optimizer)!;

  return (
    <section className="panel training" aria-label="Training settings" data-testid="training-panel">
      <fieldset disabled={busy}>
        <div className="training__row">
          <label htmlFor="training-batch">Mini-batch size</label>
          <select
            id="training-batch"
            value={String(s.batchSize)}
            onChange={(event) => set({ batchSize: event.target.value === 'full' ? 'full' : Number(event.target.value) })}
          >
            {BATCH_SIZES.map((b) => (
              <option key={b} value={b}>
                {b === 'full' ? 'full batch (batch GD)' : b === '1' ? '1 (stochastic GD)' : b}
              </option>
            ))}
          </select>
        </div>
        {length && (
          <p className="field__help" data-testid="run-length">
            About {length.trainExamples.toLocaleString('en')} training examples: {length.iterationsPerEpoch.toLocaleString('en')} iteration
            {length.iterationsPerEpoch === 1 ? '' : 's'} per epoch, so this run is {length.iterations.toLocaleString('en')} iterations ≈{' '}
            {length.epochs.toLocaleString('en')} epoch{length.epochs === 1 ? '' : 's'}.
          </p>
        )}
        {warnings.map((w) => (
          <p key={w} className="diagnostic warning" role="alert" data-testid="training-warning">
            {w}
          </p>
        ))}

        <div className="training__row">
          <label htmlFor="training-optimizer">Optimizer</label>
          <select id="training-optimizer" value={s.optimizer} onChange={(event) => set({ optimizer: event.target.value as OptimizerKind })}>
            {OPTIMIZERS.map((o) => (
              <option key={o.kind} value={o.kind}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <p className="field__help">{optimizer.help}</p>

        <div className="training__row">
          <label htmlFor="training-l2" title="J = (1/m) Σ 𝓛 + λ/(2m) Σ‖W[l]‖²_F">
            L2 regularisation λ
          </label>
          <NumberInput id="training-l2" aria-label="L2 λ" value={s.l2} rule={L2} size={6} onCommit={(v) => set({ l2: v })} />
        </div>
        <p className="field__help">Adds λ/(2m)·Σ‖W[l]‖² to the cost; 0 = off.</p>

        <h3>Learning-rate decay</h3>
        <div className="training__row">
          <label htmlFor="training-decay">Schedule</label>
          <select id="training-decay" value={s.decay.kind} onChange={(event) => set({ decay: DECAYS.find((d) => d.kind === event.target.value)!.initial })}>
            {DECAYS.map((d) => (
              <option key={d.kind} value={d.kind}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <DecayFields decay={s.decay} onChange={(decay) => set({ decay })} />
        {s.decay.kind !== 'none' && length && <DecayPreview alpha0={s.learningRate} decay={s.decay} epochs={length.epochs} />}

        <h3>Early stopping</h3>
        <label className="training__check">
          <input type="checkbox" checked={s.earlyStopping} onChange={(event) => set({ earlyStopping: event.target.checked })} aria-label="Early stopping" />
          Stop when the dev cost has not improved for
          <NumberInput
            aria-label="Patience (epochs)"
            value={s.patience}
            rule={PATIENCE}
            size={4}
            disabled={busy || !s.earlyStopping}
            onCommit={(v) => set({ patience: v })}
          />
          epochs, and keep the best weights.
        </label>
        {s.earlyStopping && !hasDev && (
          <p className="diagnostic warning" data-testid="early-stopping-needs-dev">
            Early stopping watches the dev cost: turn on the train / dev / test split with dev % above 0 (Data tab).
          </p>
        )}
        {s.earlyStopping && hasDev && length?.iterationsPerEpoch === 1 && (
          <p className="field__help">With full-batch gradient descent every iteration is an epoch.</p>
        )}

        <h3>Initialisation</h3>
        <div className="training__row">
          <label htmlFor="training-seed" title="Seeds the initial weights, the mini-batch shuffling and dropout: the same seed gives the same run">
            Seed
          </label>
          <span>
            <NumberInput id="training-seed" aria-label="Training seed" value={s.seed} rule={SEED} size={7} onCommit={(v) => set({ seed: v })} />{' '}
            <button
              type="button"
              onClick={() => set({ seed: freshSeed(s.seed) })}
              title="Another initialisation: train again to see how much the result depends on it"
            >
              New seed
            </button>
          </span>
        </div>
        <p className="field__help">The same seed gives the same initial weights, shuffling and dropout masks, so runs compare like with like.</p>
      </fieldset>

      <h3>Start from</h3>
      <div className="training__continue">
        <ContinueFrom disabled={busy || !result.spec} onEvaluate={() => result.spec && void train(result.spec, { evaluateOnly: true })} />
        <ContinueFromEmpty />
      </div>

      <h3>Search</h3>
      <p className="field__help">
        <button
          type="button"
          onClick={openSearch}
          disabled={!result.spec}
          title="Run ▸ Search…: a random search over α, β, λ, keep_prob, batch size and hidden units"
        >
          Search…
        </button>{' '}
        Try random settings (α and β on a log scale), then zoom in around the best.
      </p>
    </section>
  );
}

/** One constant of a schedule: its label and its number field. */
function DecayField({ label, aria, value, rule, onCommit }: { label: string; aria: string; value: number; rule: NumberRule; onCommit(v: number): void }) {
  return (
    <div className="training__row">
      <label>{label}</label>
      <NumberInput aria-label={aria} value={value} rule={rule} size={6} onCommit={onCommit} />
    </div>
  );
}

/** The constant(s) of the chosen schedule. */
function DecayFields({ decay, onChange }: { decay: DecayConfig; onChange(decay: DecayConfig): void }) {
  switch (decay.kind) {
    case 'none':
      return null;
    case 'inverse':
      return (
        <DecayField label="decay rate" aria="Decay rate" value={decay.decayRate} rule={UNIT_RATE} onCommit={(v) => onChange({ ...decay, decayRate: v })} />
      );
    case 'exponential':
      return <DecayField label="base" aria="Decay base" value={decay.base} rule={FRACTION} onCommit={(v) => onChange({ ...decay, base: v })} />;
    case 'sqrt':
      return <DecayField label="k" aria="Decay k" value={decay.k} rule={UNIT_RATE} onCommit={(v) => onChange({ ...decay, k: v })} />;
    case 'staircase':
      return (
        <>
          <DecayField label="factor" aria="Decay factor" value={decay.factor} rule={FRACTION} onCommit={(v) => onChange({ ...decay, factor: v })} />
          <DecayField
            label="every n epochs"
            aria="Decay interval (epochs)"
            value={decay.interval}
            rule={INTERVAL}
            onCommit={(v) => onChange({ ...decay, interval: v })}
          />
        </>
      );
  }
}

/** Says where "Continue from" comes from before there is anything to continue from. */
function ContinueFromEmpty() {
  const offered = useStore(startWeights, (s) => s.model !== null);
  return offered ? null : (
    <p className="field__help">Fresh weights from the seed. After a run (or Model ▸ Import), the next run can continue from its weights.</p>
  );
}

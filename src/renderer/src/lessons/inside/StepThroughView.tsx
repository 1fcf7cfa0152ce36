/**
 * Step through one training example: forward propagation layer by layer (W[l], b[l], Z[l], A[l]),
 * the cost, backward propagation from the output (dZ[l], dW[l], db[l], dA[l−1]), and last the
 * update of every parameter — numbers the trainer computed with the engine that trains.
 */
import { useMemo, useState } from 'react';
import type { StepThrough } from '../../../../../engine/train';
import { NODE_KINDS } from '../../graph/node-kinds';
import type { LayerKind } from '../../../../../engine/spec';
import { Notation } from '../Notation';
import { TensorView } from './TensorView';

type Stage = { kind: 'forward' | 'backward'; layer: StepThrough['forward'][number] } | { kind: 'cost' } | { kind: 'update' };

const LOSS_FORMULA: Record<string, string> = {
  bce: '𝓛 = −(y log a[L] + (1 − y) log(1 − a[L]))',
  cross_entropy: '𝓛 = −Σ_k y_k log a[L]_k',
  mse: '𝓛 = ½ ‖a[L] − y‖²',
};

const UPDATE_RULE: Record<string, string> = {
  gd: 'W := W − α dW',
  momentum: 'v = β v + (1 − β) dW;  W := W − α v',
  rmsprop: 's = β₂ s + (1 − β₂) dW²;  W := W − α dW / (√s + ε)',
  adam: 'v, s as momentum and RMSprop, bias-corrected;  W := W − α v̂ / (√ŝ + ε)',
};

function layerTitle(layer: { kind: string; l: number | null; id: string }): string {
  const title = NODE_KINDS[layer.kind as LayerKind]?.title ?? layer.kind;
  return layer.l !== null && layer.kind !== 'input' ? `${title} · layer ${layer.l}` : layer.kind === 'input' ? 'Input · layer 0' : `${title} (${layer.id})`;
}

export function StepThroughView({ trace }: { trace: StepThrough }) {
  const stages = useMemo<Stage[]>(
    () => [
      ...trace.forward.map((layer) => ({ kind: 'forward' as const, layer })),
      { kind: 'cost' as const },
      ...trace.backward.map((layer) => ({ kind: 'backward' as const, layer })),
      { kind: 'update' as const },
    ],
    [trace],
  );
  const [at, setAt] = useState(0);
  const stage = stages[Math.min(at, stages.length - 1)];

  return (
    <div className="step-through" data-testid="step-through">
      <div className="step-through__nav">
        <button type="button" onClick={() => setAt((i) => Math.max(0, i - 1))} disabled={at === 0} aria-label="Previous stage">
          ◀
        </button>
        <span data-testid="step-stage" data-stage={stage.kind} className="step-through__where">
          {stage.kind === 'forward' ? 'Forward: ' : stage.kind === 'backward' ? 'Backward: ' : ''}
          {stage.kind === 'cost' ? 'The cost' : stage.kind === 'update' ? 'The update' : layerTitle(stage.layer)}
          <span className="muted">
            {' '}
            ({at + 1}/{stages.length})
          </span>
        </span>
        <button type="button" onClick={() => setAt((i) => Math.min(stages.length - 1, i + 1))} disabled={at === stages.length - 1} aria-label="Next stage">
          ▶
        </button>
      </div>
      {(stage.kind === 'forward' || stage.kind === 'backward') && (
        <div className="step-through__tensors">
          {stage.layer.tensors.map((tensor) => (
            <TensorView key={tensor.name} tensor={tensor} />
          ))}
        </div>
      )}
      {stage.kind === 'cost' && (
        <div className="step-through__cost" data-testid="step-cost">
          <p>
            <Notation text={LOSS_FORMULA[trace.cost.loss] ?? trace.cost.loss} />
          </p>
          <p>
            J = <strong data-testid="step-cost-value">{trace.cost.J.toPrecision(6)}</strong>
            {trace.cost.l2Term > 0 && <span className="muted"> (L2 term {trace.cost.l2Term.toPrecision(4)} included)</span>}
          </p>
          <p className="muted small">One example, so J = 𝓛 (m = 1). Backward starts from dZ[L] = A[L] − Y.</p>
        </div>
      )}
      {stage.kind === 'update' && (
        <div className="step-through__update" data-testid="step-update">
          <p>
            <Notation text={UPDATE_RULE[trace.update.optimizer] ?? trace.update.optimizer} /> with α = {trace.update.learningRate}
            {trace.update.l2 > 0 ? ` and λ = ${trace.update.l2} (dW + λ/m W)` : ''}
          </p>
          {trace.update.tensors.map((t) => (
            <details key={`${t.layerId}-${t.name}`} className="step-through__param" open={trace.update.tensors.length <= 4}>
              <summary>
                <Notation text={t.name} />
              </summary>
              {t.before && <TensorView tensor={{ name: `${t.name} before`, symbol: 'W', shape: t.shape, values: t.before }} />}
              {t.after && <TensorView tensor={{ name: `${t.name} after`, symbol: 'W', shape: t.shape, values: t.after }} />}
            </details>
          ))}
        </div>
      )}
      {trace.notes.map((note) => (
        <p key={note} className="muted small">
          {note}
        </p>
      ))}
    </div>
  );
}

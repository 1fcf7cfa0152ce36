/**
 * α over the run for the chosen learning-rate decay, drawn from the engine's own schedule
 * (engine/schedules), so what the preview shows is what the trainer will do.
 */
import { useMemo } from 'react';
import { type DecayConfig, learningRateAt } from '../../../../engine/train';
import { formatNumber } from '../panels/format-number';

const WIDTH = 300;
const HEIGHT = 70;
const PAD = { left: 4, right: 4, top: 6, bottom: 6 };
/** Enough samples for a staircase to keep its steps; a long run is sampled evenly. */
const SAMPLES = 300;

export function DecayPreview({ alpha0, decay, epochs }: { alpha0: number; decay: DecayConfig; epochs: number }) {
  const points = useMemo(() => {
    const count = Math.min(SAMPLES, Math.max(1, epochs));
    return Array.from({ length: count }, (_, i) => {
      const epoch = count === 1 ? 0 : Math.round((i * (epochs - 1)) / (count - 1));
      return { epoch, alpha: learningRateAt(alpha0, decay, epoch) };
    });
  }, [alpha0, decay, epochs]);
  const top = Math.max(...points.map((p) => p.alpha), 1e-12);
  const last = points[points.length - 1]!;
  const x = (epoch: number) => PAD.left + (epochs <= 1 ? 0 : (epoch / (epochs - 1)) * (WIDTH - PAD.left - PAD.right));
  const y = (alpha: number) => PAD.top + (1 - alpha / top) * (HEIGHT - PAD.top - PAD.bottom);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.epoch).toFixed(1)},${y(p.alpha).toFixed(1)}`).join(' ');
  return (
    <figure className="decay-preview" data-testid="decay-preview" data-first={points[0]!.alpha} data-last={last.alpha} data-epochs={epochs}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`α from ${formatNumber(points[0]!.alpha)} to ${formatNumber(last.alpha)} over ${epochs} epochs`}
      >
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} className="decay-preview__axis" />
        <path d={path} className="decay-preview__line" />
      </svg>
      <figcaption className="small muted">
        α = {formatNumber(points[0]!.alpha)} at epoch 0 → {formatNumber(last.alpha)} at epoch {last.epoch.toLocaleString('en')} (of{' '}
        {epochs.toLocaleString('en')})
      </figcaption>
    </figure>
  );
}

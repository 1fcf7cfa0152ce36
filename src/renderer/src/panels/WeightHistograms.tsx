/**
 * Each layer's weight distribution: the initialisation (grey, filled) under the latest
 * weights (outline), on a shared x axis, each as tall as its own peak — how far training
 * moved W from its He/Xavier start.
 */
import { useRun } from '../stores';
import { densities, histogramStd, peak, sharedAxes, stepPath } from './weight-histogram';

const WIDTH = 300;
const HEIGHT = 56;
const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 0.01 && Math.abs(v) < 1000 ? v.toPrecision(2) : v.toExponential(1));

export function WeightHistograms() {
  const weights = useRun((s) => s.weights);
  if (!weights) return null;
  const { first, latest } = weights;
  return (
    <div className="weight-histograms" data-testid="weight-histograms" data-first-iteration={first.iteration} data-latest-iteration={latest.iteration}>
      <p className="muted small">
        Weights W[l]: <span className="swatch" style={{ background: '#b0b7bf' }} /> at iteration {first.iteration.toLocaleString('en')} (initialisation)
        {' · '}
        <span className="swatch" style={{ background: 'var(--accent)' }} /> at iteration {latest.iteration.toLocaleString('en')}
      </p>
      {latest.layers.map((layer) => {
        const start = first.layers.find((l) => l.id === layer.id);
        const a = start ? densities(start) : [];
        const b = densities(layer);
        const axes = sharedAxes(a, b);
        return (
          <figure key={layer.id} className="weight-histogram" data-testid={`weights-${layer.id}`}>
            <figcaption className="small">
              <strong>{layer.id}</strong> W ∈ [{fmt(layer.min)}, {fmt(layer.max)}], σ {start ? `${fmt(histogramStd(start))} → ` : ''}
              {fmt(histogramStd(layer))}
            </figcaption>
            <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + 12}`} width="100%" role="img" aria-label={`Weight histogram of ${layer.id}`}>
              {/* Each scaled to its own peak: the init is often far narrower and taller than the trained weights. */}
              <path d={stepPath(a, { ...axes, yMax: peak(a) }, WIDTH, HEIGHT)} fill="#b0b7bf" fillOpacity={0.6} stroke="none" />
              <path d={stepPath(b, { ...axes, yMax: peak(b) }, WIDTH, HEIGHT)} fill="none" stroke="var(--accent)" strokeWidth={1.5} />
              <line x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} stroke="currentColor" strokeOpacity={0.3} />
              <text x={0} y={HEIGHT + 11} fontSize={10} fill="currentColor">
                {fmt(axes.xMin)}
              </text>
              <text x={WIDTH} y={HEIGHT + 11} fontSize={10} fill="currentColor" textAnchor="end">
                {fmt(axes.xMax)}
              </text>
            </svg>
          </figure>
        );
      })}
    </div>
  );
}

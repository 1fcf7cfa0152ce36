/** Size, noise and seed of a 2-D generator, with a live scatter preview. */
import { useMemo } from 'react';
import { generate } from '../../../../engine/data/generators';
import type { BuiltinDataset } from '../run/datasets';
import { useServices, useSettings } from '../stores';
import { setGenerator, useDatasetStore } from './dataset-store';

const COLOURS = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const SIZE = 160;

export function GeneratorControls({ dataset }: { dataset: BuiltinDataset }) {
  const { settings } = useServices();
  const seed = useSettings((s) => s.datasetSeed);
  const override = useDatasetStore((s) => s.generators[dataset.id]);
  const m = override?.m ?? dataset.m;
  const noise = override?.noise ?? dataset.noise;
  const data = useMemo(
    () => generate({ kind: 'generator', name: dataset.generator!, m: Math.min(m, 2000), noise, classes: dataset.classes, seed }),
    [dataset, m, noise, seed],
  );
  const points = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of data.x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const span = hi - lo || 1;
    const to = (v: number) => 4 + ((v - lo) / span) * (SIZE - 8);
    return Array.from({ length: data.m }, (_, i) => ({ x: to(data.x[2 * i]), y: SIZE - to(data.x[2 * i + 1]), c: data.y[i] }));
  }, [data]);
  const int = (text: string, min: number, max: number, apply: (v: number) => void) => {
    const v = Number(text);
    if (Number.isInteger(v) && v >= min && v <= max) apply(v);
  };
  return (
    <div className="generator-controls" data-testid="generator-controls">
      <label>
        examples m{' '}
        <input aria-label="Examples m" key={`m${m}`} defaultValue={m} size={5} inputMode="numeric" onChange={(e) => int(e.target.value, 10, 100_000, (v) => setGenerator(dataset.id, { m: v }))} />
      </label>{' '}
      <label>
        noise{' '}
        <input
          aria-label="Noise"
          key={`n${noise}`}
          defaultValue={noise ?? ''}
          placeholder="default"
          size={4}
          inputMode="decimal"
          onChange={(e) => {
            const v = Number(e.target.value);
            if (e.target.value.trim() !== '' && Number.isFinite(v) && v >= 0 && v <= 10) setGenerator(dataset.id, { noise: v });
          }}
        />
      </label>{' '}
      <label>
        seed{' '}
        <input aria-label="Data seed" key={`s${seed}`} defaultValue={seed} size={4} inputMode="numeric" onChange={(e) => int(e.target.value, -1e9, 1e9, (v) => settings.setState({ datasetSeed: v }))} />
      </label>
      <svg width={SIZE} height={SIZE} role="img" aria-label={`${dataset.label} preview`} data-testid="generator-preview" style={{ display: 'block', marginTop: 4, background: 'var(--canvas, transparent)', border: '1px solid var(--border)' }}>
        {points.map((p, i) => (
          <circle key={i} cx={p.x} cy={p.y} r={1.8} fill={COLOURS[p.c % COLOURS.length]} />
        ))}
      </svg>
    </div>
  );
}

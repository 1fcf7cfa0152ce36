/** Size, noise and seed of a 2-D generator, with a live scatter preview. */
import { useMemo } from 'react';
import { generate } from '../../../../engine/data';
import type { BuiltinDataset } from '../run/datasets';
import { useServices, useSettings } from '../stores';
import { setGenerator, useDatasetStore } from './dataset-store';
import { NumberInput } from '../controls/NumberInput';
import type { NumberRule } from '../controls/number-rule';

const COLOURS = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const SIZE = 160;
const EXAMPLES: NumberRule = { min: 10, max: 100_000, integer: true };
/** Empty means the generator's own default noise. */
const NOISE: NumberRule = { min: 0, max: 10 };
const SEED: NumberRule = { min: -1e9, max: 1e9, integer: true };

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
  return (
    <div className="generator-controls" data-testid="generator-controls">
      <label>
        examples m <NumberInput aria-label="Examples m" value={m} rule={EXAMPLES} size={5} onCommit={(v) => setGenerator(dataset.id, { m: v })} />
      </label>{' '}
      <label>
        noise{' '}
        <NumberInput
          aria-label="Noise"
          value={noise}
          rule={NOISE}
          placeholder="default"
          size={4}
          onCommit={(v) => setGenerator(dataset.id, { noise: v })}
          onClear={() => setGenerator(dataset.id, { noise: undefined })}
        />
      </label>{' '}
      <label>
        seed <NumberInput aria-label="Data seed" value={seed} rule={SEED} size={4} onCommit={(v) => settings.setState({ datasetSeed: v })} />
      </label>
      <svg
        width={SIZE}
        height={SIZE}
        role="img"
        aria-label={`${dataset.label} preview`}
        data-testid="generator-preview"
        style={{ display: 'block', marginTop: 4, background: 'var(--canvas, transparent)', border: '1px solid var(--border)' }}
      >
        {points.map((p, i) => (
          <circle key={i} cx={p.x} cy={p.y} r={1.8} fill={COLOURS[p.c % COLOURS.length]} />
        ))}
      </svg>
    </div>
  );
}

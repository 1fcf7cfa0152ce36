/**
 * Augmentation toggles (training only: flips and small shifts) with a preview: a few training
 * examples beside augmented draws of them, made by the same transform the trainer applies.
 */
import { useMemo, useState } from 'react';
import { createRng, type Dataset, transformImage } from '../../../../engine/data';
import { setPrep, type PrepState } from './dataset-store';
import { ImageThumb } from './ImageThumb';
import { NumberInput } from '../controls/NumberInput';

/** The protocol's bound on shifts (engine/protocol/schema.ts). */
const MAX_SHIFT = 8;
const PREVIEW_EXAMPLES = 4;
const PREVIEW_DRAWS = 3;

export function AugmentControls({ prep, data }: { prep: PrepState; data: Dataset | undefined }) {
  const [draw, setDraw] = useState(1);
  const on = prep.flipHorizontal || prep.maxShift > 0;
  const preview = useMemo(
    () => (on && data ? augmentedPreview(data, prep.flipHorizontal, prep.maxShift, draw) : []),
    [on, data, prep.flipHorizontal, prep.maxShift, draw],
  );
  return (
    <div className="augment" data-testid="augment">
      Augment training images:{' '}
      <label>
        <input type="checkbox" aria-label="Flip horizontally" checked={prep.flipHorizontal} onChange={(e) => setPrep({ flipHorizontal: e.target.checked })} />{' '}
        flip left–right
      </label>{' '}
      <label>
        shift up to{' '}
        <NumberInput
          aria-label="Maximum shift"
          value={prep.maxShift}
          rule={{ min: 0, max: MAX_SHIFT, integer: true }}
          size={2}
          onCommit={(v) => setPrep({ maxShift: v })}
        />{' '}
        px
      </label>
      {preview.length > 0 && (
        <div className="augment-preview" data-testid="augment-preview">
          {preview.map((row, i) => (
            <div key={i} style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
              <ImageThumb pixels={row.original} shape={data!.exampleShape} title="original" />
              <span aria-hidden>→</span>
              {row.draws.map((d, k) => (
                <ImageThumb key={k} pixels={d.pixels} shape={data!.exampleShape} title={d.title} />
              ))}
            </div>
          ))}
          <button type="button" onClick={() => setDraw((d) => d + 1)}>
            Draw again
          </button>{' '}
          <small>Train batches only; dev and test are never augmented.</small>
        </div>
      )}
    </div>
  );
}

interface PreviewRow {
  original: Float32Array;
  draws: { pixels: Float32Array; title: string }[];
}

function augmentedPreview(data: Dataset, flip: boolean, maxShift: number, seed: number): PreviewRow[] {
  const [height, width, channels] = data.exampleShape;
  const n = height * width * channels;
  const rng = createRng(seed);
  const rows: PreviewRow[] = [];
  for (let i = 0; i < Math.min(PREVIEW_EXAMPLES, data.m); i++) {
    const original = data.x.subarray(i * n, i * n + n);
    const draws = Array.from({ length: PREVIEW_DRAWS }, () => {
      const mirror = flip && rng.uniform() < 0.5;
      const dx = maxShift > 0 ? rng.int(2 * maxShift + 1) - maxShift : 0;
      const dy = maxShift > 0 ? rng.int(2 * maxShift + 1) - maxShift : 0;
      const pixels = new Float32Array(n);
      transformImage(original, pixels, { height, width, channels }, mirror, dx, dy);
      return { pixels, title: `${mirror ? 'mirrored, ' : ''}shifted (${dx}, ${dy})` };
    });
    rows.push({ original, draws });
  }
  return rows;
}

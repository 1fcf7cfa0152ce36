/**
 * The train-dev toggle: hold out part of the train split (same distribution, never trained on)
 * so the gap between train-dev and dev error shows data mismatch apart from variance.
 */
import { setPrep } from './dataset-store';

/** Largest fraction the protocol accepts (engine/protocol/schema.ts). */
const MAX_TRAIN_DEV = 0.5;
const DEFAULT_TRAIN_DEV = 0.1;

export function TrainDevControl({ value }: { value: number }) {
  const on = value > 0;
  return (
    <div className="train-dev">
      <label title="Hold out part of train, from the same distribution: dev error − train-dev error measures data mismatch">
        <input type="checkbox" aria-label="Train-dev split" checked={on} onChange={(e) => setPrep({ trainDev: e.target.checked ? DEFAULT_TRAIN_DEV : 0 })} /> hold out a
        train-dev set
      </label>
      {on && (
        <label>
          {' '}
          <input
            aria-label="Train-dev % of train"
            key={`td${value}`}
            defaultValue={Math.round(value * 100)}
            size={3}
            inputMode="numeric"
            onChange={(e) => {
              const v = Number(e.target.value) / 100;
              if (Number.isFinite(v) && v > 0 && v <= MAX_TRAIN_DEV) setPrep({ trainDev: v });
            }}
          />{' '}
          % of train
        </label>
      )}
    </div>
  );
}

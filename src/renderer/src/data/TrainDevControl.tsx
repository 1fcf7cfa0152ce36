/**
 * The train-dev toggle: hold out part of the train split (same distribution, never trained on)
 * so the gap between train-dev and dev error shows data mismatch apart from variance.
 */
import { setPrep } from './dataset-store';
import { NumberInput } from '../controls/NumberInput';

/** Largest fraction the protocol accepts (engine/protocol/schema.ts). */
const MAX_TRAIN_DEV = 0.5;
const DEFAULT_TRAIN_DEV = 0.1;

export function TrainDevControl({ value }: { value: number }) {
  const on = value > 0;
  return (
    <div className="train-dev">
      <label title="Hold out part of train, from the same distribution: dev error − train-dev error measures data mismatch">
        <input type="checkbox" aria-label="Train-dev split" checked={on} onChange={(e) => setPrep({ trainDev: e.target.checked ? DEFAULT_TRAIN_DEV : 0 })} />{' '}
        hold out a train-dev set
      </label>
      {on && (
        <label>
          {' '}
          <NumberInput
            aria-label="Train-dev % of train"
            value={Math.round(value * 100)}
            rule={{ min: 1, max: MAX_TRAIN_DEV * 100, integer: true }}
            size={3}
            onCommit={(v) => setPrep({ trainDev: v / 100 })}
          />{' '}
          % of train
        </label>
      )}
    </div>
  );
}

/**
 * "Continue from …": when an imported model or a finished run has weights, Train can
 * start from them instead of fresh ones. Unticked, runs start from the seed's
 * initialisation as before (so the optimizer race compares like with like).
 * "Evaluate" runs those weights over the data without a training step.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useRun } from '../stores';
import { startWeights } from './start-weights';

export function ContinueFrom({ disabled, onEvaluate }: { disabled: boolean; onEvaluate?: () => void }) {
  const { model, label, use } = useStore(startWeights);
  const runModel = useRun((s) => s.model);
  const runStatus = useRun((s) => s.status);
  // The run's label starts with its ordinal ("#3 adam α=0.001 flower").
  const runLabel = useRun((s) => s.settings?.label.split(' ')[0] ?? 'the last run');

  // A finished run's weights are offered next (keeping the current tick).
  useEffect(() => {
    if (runModel && runStatus === 'finished' && runModel !== startWeights.getState().model) {
      startWeights.getState().offer(runModel, `run ${runLabel}’s weights`);
    }
  }, [runModel, runStatus, runLabel]);

  if (!model) return null;
  return (
    <>
      <label className="continue-from" title="Start the next run from these weights (and their input normalisation) instead of initialising afresh">
        <input
          type="checkbox"
          checked={use}
          disabled={disabled}
          onChange={(event) => startWeights.getState().setUse(event.target.checked)}
          data-testid="continue-from"
        />
        Continue from {label}
      </label>
      {onEvaluate && (
        <button
          type="button"
          onClick={onEvaluate}
          disabled={disabled}
          title="Run these weights over the dataset without training: cost, accuracy, confusion matrix and decision boundary"
        >
          Evaluate
        </button>
      )}
    </>
  );
}

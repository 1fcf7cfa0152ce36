/**
 * The line under the toolbar: why Train is disabled (in red), or a setting that would spoil the
 * run (in amber). It has a line of its own so the toolbar keeps one row however long it is.
 */
import { useRun } from '../stores';
import { useTrainBlocked } from './train-blocked';
import { useTrainWarnings } from './train-warnings';

export function TrainNotice() {
  const status = useRun((s) => s.status);
  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'stopping';
  const blocked = useTrainBlocked();
  const warnings = useTrainWarnings();
  if (busy) return null;
  if (blocked) {
    return (
      <div className="train-notice error" role="status" data-testid="train-blocked">
        {blocked}
      </div>
    );
  }
  if (warnings.length === 0) return null;
  return (
    <div className="train-notice warning" role="status" data-testid="train-warning">
      {warnings[0]}
    </div>
  );
}

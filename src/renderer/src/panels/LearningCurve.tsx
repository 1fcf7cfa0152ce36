/**
 * Learning curves on request, in the bias/variance panel: train and dev error against
 * the training-set size (10 %, 25 %, 50 %, 100 % of it), each point a full run of the
 * current network and settings. A gap that closes as m grows says more data helps
 * (variance); two high curves that meet say it will not (bias). Cancel stops the run
 * in flight. The state lives in run/learning-curve-store.ts so switching tabs keeps it.
 */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useCompile } from '../canvas/compile-context';
import { startLearningCurve } from '../run/learning-curve';
import { useCurve } from '../run/learning-curve-store';
import { buildRunRequest } from '../run/run-request';
import { datasetStore } from '../data/dataset-store';
import { useRun, useServices } from '../stores';

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

export function LearningCurve() {
  const { host, settings } = useServices();
  const { result } = useCompile();
  const runStatus = useRun((s) => s.status);
  const { status, points, progress, error, control } = useCurve();
  const trainingNow = runStatus === 'starting' || runStatus === 'running' || runStatus === 'paused' || runStatus === 'stopping';

  const start = () => {
    const spec = result.spec;
    if (!spec) return;
    // Every run of the curve uses the settings and data preparation of the moment it started.
    const snapshot = settings.getState();
    const prep = datasetStore.getState().prep;
    const curve = startLearningCurve(
      host,
      (runId, trainLimit) => {
        const request = buildRunRequest(runId, spec, snapshot, prep);
        if (trainLimit !== undefined) request.trainLimit = trainLimit;
        return request;
      },
      {
        onPoint: (next) => useCurve.setState({ points: next }),
        onStatus: (next) => useCurve.setState({ progress: next }),
        onError: (message) => useCurve.setState({ status: 'failed', error: message }),
      },
    );
    useCurve.setState({ status: 'running', points: [], progress: null, error: null, control: curve });
    void curve.done.then(() => {
      const s = useCurve.getState();
      if (s.control === curve && s.status === 'running') useCurve.setState({ status: 'done', control: null });
    });
  };
  const cancel = () => {
    control?.cancel();
    useCurve.setState({ status: 'cancelled', control: null });
  };
  const hasDev = points.some((p) => p.devError !== undefined);

  return (
    <div className="learning-curve" data-testid="learning-curve" data-status={status} data-points={points.length}>
      <h3 className="small">Learning curve</h3>
      <p className="muted small">
        Trains this network on 10 %, 25 %, 50 % and 100 % of the training set (same seed and settings) and plots the errors against m.
      </p>
      {status === 'running' ? (
        <p className="small">
          <button type="button" onClick={cancel} data-testid="learning-curve-cancel">
            Cancel
          </button>{' '}
          {progress
            ? progress.running === null
              ? 'finishing…'
              : `run ${progress.finished + 1} of ${progress.total}${progress.running ? ` · m = ${progress.running.toLocaleString('en')}` : ' · the full training set'}`
            : 'starting…'}
        </p>
      ) : (
        <p className="small">
          <button type="button" onClick={start} disabled={!result.spec || trainingNow} data-testid="learning-curve-start">
            {points.length ? 'Recompute learning curve' : 'Compute learning curve'}
          </button>
          {trainingNow && <span className="muted"> · wait for the current run to finish</span>}
          {!result.spec && <span className="muted"> · fix the network first</span>}
          {status === 'cancelled' && <span className="muted"> · cancelled</span>}
        </p>
      )}
      {error && (
        <p className="diagnostic error" role="alert">
          {error}
        </p>
      )}
      {points.length > 0 && (
        <>
          <ResponsiveContainer width="100%" height={170}>
            <LineChart data={points} margin={{ top: 6, right: 8, bottom: 14, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
              <XAxis
                dataKey="size"
                type="number"
                domain={[0, 'dataMax']}
                tickFormatter={(v: number) => v.toLocaleString('en')}
                label={{ value: 'training examples m', position: 'insideBottom', offset: -6, fontSize: 11 }}
              />
              <YAxis domain={[0, 'auto']} tickFormatter={pct} width={44} />
              <Tooltip formatter={(v) => pct(Number(v))} labelFormatter={(l) => `m = ${Number(l).toLocaleString('en')}`} />
              <Legend verticalAlign="top" wrapperStyle={{ fontSize: 11 }} />
              <Line name="train error" dataKey="trainError" stroke="#27ae60" isAnimationActive={false} />
              {hasDev && <Line name="dev error" dataKey="devError" stroke="#8e44ad" isAnimationActive={false} />}
            </LineChart>
          </ResponsiveContainer>
          <table className="compact" data-testid="learning-curve-table">
            <thead>
              <tr>
                <th>m</th>
                <th>train error</th>
                <th>dev error</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.size}>
                  <th>{p.size.toLocaleString('en')}</th>
                  <td>{pct(p.trainError)}</td>
                  <td>{p.devError === undefined ? '—' : pct(p.devError)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!hasDev && <p className="muted small">Dev split is empty: set dev % above 0 to see the dev error curve.</p>}
        </>
      )}
    </div>
  );
}

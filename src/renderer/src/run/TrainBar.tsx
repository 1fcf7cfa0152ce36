/** The toolbar: dataset, hyperparameters, Train and Stop, and why Train is disabled when it is. */
import { useCompile } from '../canvas/compile-context';
import { useGraph, useRun, useServices, useSettings } from '../stores';
import { BUILTIN_DATASETS, findDataset } from './datasets';
import { useTrainingActions } from './use-training';
import { emptyDoc } from '../graph/document';
import { planarExample } from '../graph/examples';
import type { SettingsState } from './settings-store';
import type { Diagnostic } from '../../../../engine/compile/types';
import type { GraphDoc } from '../graph/document';
import { NODE_KINDS } from '../graph/node-kinds';

/** Why Train is disabled, naming the layer at fault so the user knows where to look. */
function describeFirstError(graphErrors: Diagnostic[], byNode: Map<string, Diagnostic[]>, doc: GraphDoc): string {
  const general = graphErrors.find((d) => d.severity === 'error');
  if (general) return general.message;
  for (const node of doc.nodes) {
    const error = byNode.get(node.id)?.find((d) => d.severity === 'error');
    if (error) return `${NODE_KINDS[node.type!].title}: ${error.message}`;
  }
  return 'The network does not compile yet.';
}

export function TrainBar() {
  const { settings, graph } = useServices();
  const datasetId = useSettings((s) => s.datasetId);
  const learningRate = useSettings((s) => s.learningRate);
  const iterations = useSettings((s) => s.iterations);
  const status = useRun((s) => s.status);
  const doc = useGraph((s) => s.doc);
  const { result, graphErrors, diagnosticsByNode } = useCompile();
  const { train, stop } = useTrainingActions();

  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'stopping';
  const blocked = !result.spec ? describeFirstError(graphErrors, diagnosticsByNode, doc) : null;

  const setNumber = (key: 'learningRate' | 'iterations', text: string, min: number, max: number) => {
    const value = Number(text);
    if (Number.isFinite(value) && value >= min && value <= max) settings.setState({ [key]: value } as Partial<SettingsState>);
  };

  return (
    <header className="toolbar">
      <div className="brand">Dendrite</div>
      <button type="button" onClick={() => graph.getState().replaceDoc('New network', emptyDoc())} disabled={busy}>
        New
      </button>
      <button type="button" onClick={() => graph.getState().replaceDoc('Load example', planarExample())} disabled={busy}>
        Planar example
      </button>
      <button type="button" onClick={() => graph.getState().undo()} aria-label="Undo">
        Undo
      </button>
      <button type="button" onClick={() => graph.getState().redo()} aria-label="Redo">
        Redo
      </button>
      <label className="toolbar__field">
        Dataset
        <select
          value={datasetId}
          onChange={(event) => settings.setState({ datasetId: event.target.value })}
          disabled={busy}
          title={findDataset(datasetId).description}
        >
          {BUILTIN_DATASETS.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar__field">
        Learning rate α
        <input
          key={`lr-${learningRate}`}
          defaultValue={learningRate}
          inputMode="decimal"
          size={5}
          disabled={busy}
          onChange={(event) => setNumber('learningRate', event.target.value, 1e-6, 100)}
        />
      </label>
      <label className="toolbar__field">
        Iterations
        <input
          key={`it-${iterations}`}
          defaultValue={iterations}
          inputMode="numeric"
          size={6}
          disabled={busy}
          onChange={(event) => setNumber('iterations', event.target.value, 1, 10_000_000)}
        />
      </label>
      <div className="toolbar__spacer" />
      {busy ? (
        <button type="button" className="danger" onClick={() => void stop()} disabled={status === 'stopping'}>
          Stop
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          onClick={() => result.spec && void train(result.spec)}
          disabled={!result.spec}
          title={blocked ?? 'Train the network on the dataset'}
        >
          Train
        </button>
      )}
      {blocked && !busy && (
        <span className="toolbar__blocked" role="status" data-testid="train-blocked">
          {blocked}
        </span>
      )}
    </header>
  );
}

/** The toolbar: project files, templates, editing, dataset, hyperparameters, Train and Stop. */
import { ContinueFrom } from '../project/ContinueFrom';
import { openSearch } from '../search/search-store';
import { TransferFrom } from '../transfer/TransferFrom';
import { openTransferDialog } from '../transfer/transfer-store';
import { useState } from 'react';
import { useCompile } from '../canvas/compile-context';
import { useGraph, useRun, useServices, useSettings } from '../stores';
import { useCurve } from './learning-curve-store';
import { findDataset } from './datasets';
import { DatasetField } from '../data/DatasetField';
import { useTrainingActions } from './use-training';
import { NumberInput } from '../controls/NumberInput';
import type { NumberRule } from '../controls/number-rule';
import type { OptimizerKind } from '../../../../engine/train/config';
import type { Diagnostic } from '../../../../engine/compile/types';
import type { GraphDoc } from '../graph/document';
import { NODE_KINDS } from '../graph/node-kinds';
import { TEMPLATES } from '../graph/templates';
import { layoutPositions } from '../graph/layout';
import { useProject } from '../project/use-project';
import { useModelFiles } from '../project/use-model-files';
import { EXPORT_FORMATS, FORMAT_INFO } from '../../../../engine/export/formats';

const LEARNING_RATE: NumberRule = { min: 1e-6, max: 100 };
const ITERATIONS: NumberRule = { min: 1, max: 10_000_000, integer: true };

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
  const batchSize = useSettings((s) => s.batchSize);
  const optimizer = useSettings((s) => s.optimizer);
  const status = useRun((s) => s.status);
  const doc = useGraph((s) => s.doc);
  const canUndo = useGraph((s) => s.past.length > 0);
  const canRedo = useGraph((s) => s.future.length > 0);
  const { result, graphErrors, diagnosticsByNode } = useCompile();
  const { train, stop, pause, resume } = useTrainingActions();
  const project = useProject();
  const models = useModelFiles();
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const [modelMenuOpen, setModelMenuOpen] = useState(false);

  const curveRunning = useCurve((s) => s.status === 'running');
  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'stopping';
  const blocked = curveRunning
    ? 'A learning curve is being computed: wait for it or cancel it (Run tab).'
    : !result.spec
    ? describeFirstError(graphErrors, diagnosticsByNode, doc)
    : !findDataset(datasetId)
      ? 'Choose a dataset to train on.'
      : null;


  return (
    <header className="toolbar">
      <div className="brand" data-testid="project-title" title={`${project.name}${project.dirty ? ' (unsaved changes)' : ''}`}>
        {project.name}
        {project.dirty ? ' •' : ''}
      </div>
      <div className="toolbar__group" role="group" aria-label="Project">
        <button type="button" onClick={() => void project.newProject()} disabled={busy}>New</button>
        <button type="button" onClick={() => void project.open()} disabled={busy}>Open…</button>
        <button type="button" onClick={() => void project.save(false)}>Save</button>
        <button type="button" onClick={() => void project.save(true)}>Save As…</button>
        <button type="button" aria-expanded={modelMenuOpen} onClick={() => setModelMenuOpen((v) => !v)}>
          Model ▾
        </button>
        {modelMenuOpen && (
          <div className="templates__menu" role="menu">
            <button
              type="button"
              role="menuitem"
              disabled={!models.canExport}
              onClick={() => {
                setModelMenuOpen(false);
                void models.exportTrained();
              }}
            >
              <strong>Export model</strong>
              <span>{models.canExport ? 'Save the trained weights as a model file (JSON).' : 'Train first: there are no trained weights yet.'}</span>
            </button>
            <button
              type="button"
              role="menuitem"
              disabled={busy}
              onClick={() => {
                setModelMenuOpen(false);
                void models.importTrained();
              }}
            >
              <strong>Import model</strong>
              <span>Load a model file's network onto the canvas.</span>
            </button>
            <button
              type="button"
              role="menuitem"
              disabled={busy}
              onClick={() => {
                setModelMenuOpen(false);
                openTransferDialog();
              }}
            >
              <strong>Transfer weights…</strong>
              <span>Start layers of this network from a trained model (transfer learning); freeze them or fine-tune.</span>
            </button>
            {EXPORT_FORMATS.map((format) => (
              <button
                key={format}
                type="button"
                role="menuitem"
                disabled={!models.canExport}
                onClick={() => {
                  setModelMenuOpen(false);
                  void models.exportTrainedAs(format);
                }}
              >
                <strong>Export {FORMAT_INFO[format].label}</strong>
                <span>{models.canExport ? FORMAT_INFO[format].hint : 'Train first: there are no trained weights yet.'}</span>
              </button>
            ))}
          </div>
        )}
      </div>
      <div className="toolbar__group templates" role="group" aria-label="Edit">
        <button type="button" aria-expanded={templatesOpen} onClick={() => setTemplatesOpen((v) => !v)} disabled={busy}>
          Templates ▾
        </button>
        {templatesOpen && (
          <div className="templates__menu" role="menu">
            {TEMPLATES.map((t) => (
              <button
                key={t.id}
                type="button"
                role="menuitem"
                data-testid={`template-${t.id}`}
                onClick={() => {
                  setTemplatesOpen(false);
                  void project.loadTemplate(t);
                }}
              >
                <strong>{t.title}</strong>
                <span>{t.description}</span>
              </button>
            ))}
          </div>
        )}
        <button
          type="button"
          title="Arrange the layers left to right"
          onClick={() => void layoutPositions(graph.getState().doc).then((positions) => graph.getState().setPositions('Auto-layout', positions))}
        >
          Auto-layout
        </button>
        <button type="button" onClick={() => graph.getState().undo()} disabled={!canUndo} title="Undo (Ctrl/Cmd+Z)" aria-label="Undo">↶</button>
        <button type="button" onClick={() => graph.getState().redo()} disabled={!canRedo} title="Redo (Shift+Ctrl/Cmd+Z)" aria-label="Redo">↷</button>
      </div>
      <DatasetField busy={busy} />
      <label className="toolbar__field">
        <abbr title="learning rate">α</abbr>
        <NumberInput
          aria-label="Learning rate α"
          value={learningRate}
          rule={LEARNING_RATE}
          size={5}
          disabled={busy}
          onCommit={(v) => settings.setState({ learningRate: v })}
        />
      </label>
      <label className="toolbar__field" title="Mini-batch size: full = batch gradient descent, 1 = stochastic">
        Batch
        <select
          value={String(batchSize)}
          disabled={busy}
          onChange={(event) => settings.setState({ batchSize: event.target.value === 'full' ? 'full' : Number(event.target.value) })}
        >
          {['full', '1', '32', '64', '128', '256', '512'].map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar__field">
        Optimizer
        <select value={optimizer} disabled={busy} onChange={(event) => settings.setState({ optimizer: event.target.value as OptimizerKind })}>
          <option value="gd">GD</option>
          <option value="momentum">momentum</option>
          <option value="rmsprop">RMSprop</option>
          <option value="adam">Adam</option>
        </select>
      </label>
      <label className="toolbar__field">
        Iterations
        <NumberInput
          aria-label="Iterations"
          value={iterations}
          rule={ITERATIONS}
          size={6}
          disabled={busy}
          onCommit={(v) => settings.setState({ iterations: v })}
        />
      </label>
      <ContinueFrom disabled={busy || blocked !== null} onEvaluate={() => result.spec && void train(result.spec, { evaluateOnly: true })} />
      <TransferFrom disabled={busy} />
      <button type="button" onClick={openSearch} disabled={blocked !== null} title={blocked ?? 'Run ▸ Search…: a random search over α, β, λ, keep_prob, batch size and hidden units'}>
        Search…
      </button>
      <div className="toolbar__spacer" />
      {blocked && !busy && (
        <span className="toolbar__blocked" role="status" data-testid="train-blocked">
          {blocked}
        </span>
      )}
      {busy ? (
        <>
          {status === 'paused' ? (
            <button type="button" onClick={() => void resume()}>
              Resume
            </button>
          ) : (
            <button type="button" onClick={() => void pause()} disabled={status !== 'running'}>
              Pause
            </button>
          )}
          <button type="button" className="danger" onClick={() => void stop()} disabled={status === 'stopping'}>
            Stop
          </button>
        </>
      ) : (
        <button
          type="button"
          className="primary"
          onClick={() => result.spec && void train(result.spec)}
          disabled={blocked !== null}
          title={blocked ?? 'Train the network on the dataset'}
        >
          Train
        </button>
      )}
    </header>
  );
}

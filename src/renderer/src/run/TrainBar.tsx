/**
 * The toolbar, one row from 1280 px: project files, templates, editing, the dataset, α, the run's
 * length, Train and Stop. The other hyperparameters live in the Training tab; why Train is
 * blocked, or what would spoil a run, shows on a line under the toolbar (TrainNotice).
 */
import { useCompile } from '../canvas/compile-context';
import { openTransferDialog } from '../transfer/transfer-store';
import { TransferFrom } from '../transfer/TransferFrom';
import { useGraph, useRun, useServices, useSettings } from '../stores';
import { DatasetField } from '../data/DatasetField';
import { useTrainingActions } from './use-training';
import { NumberInput } from '../controls/NumberInput';
import type { NumberRule } from '../controls/number-rule';
import { usePopup } from '../controls/use-popup';
import { TEMPLATES } from '../graph/templates';
import { useAutoLayout } from '../canvas/use-auto-layout';
import { useProject } from '../project/use-project';
import { useModelFiles } from '../project/use-model-files';
import { useTrainBlocked } from './train-blocked';
import type { LengthUnit } from './settings-store';
import { EXPORT_FORMATS, FORMAT_INFO } from '../../../../engine/export';

const LEARNING_RATE: NumberRule = { min: 1e-6, max: 100 };
const ITERATIONS: NumberRule = { min: 1, max: 10_000_000, integer: true };
const EPOCHS: NumberRule = { min: 1, max: 1_000_000, integer: true };

export function TrainBar() {
  const { settings, graph } = useServices();
  const learningRate = useSettings((s) => s.learningRate);
  const lengthUnit = useSettings((s) => s.lengthUnit);
  const iterations = useSettings((s) => s.iterations);
  const epochs = useSettings((s) => s.epochs);
  const status = useRun((s) => s.status);
  const canUndo = useGraph((s) => s.past.length > 0);
  const canRedo = useGraph((s) => s.future.length > 0);
  const { result } = useCompile();
  const { train, stop, pause, resume } = useTrainingActions();
  const project = useProject();
  const models = useModelFiles();
  const templatesMenu = usePopup();
  const modelMenu = usePopup();
  const blocked = useTrainBlocked();
  const autoLayout = useAutoLayout();
  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'stopping';

  return (
    <header className="toolbar">
      <div className="brand" data-testid="project-title" title={`${project.name}${project.dirty ? ' (unsaved changes)' : ''}`}>
        {project.name}
        {project.dirty ? ' •' : ''}
      </div>
      <div className="toolbar__group" role="group" aria-label="Project">
        <button type="button" onClick={() => void project.newProject()} disabled={busy}>
          New
        </button>
        <button type="button" onClick={() => void project.open()} disabled={busy}>
          Open…
        </button>
        <button type="button" onClick={() => void project.save(false)}>
          Save
        </button>
        <button type="button" onClick={() => void project.save(true)}>
          Save As…
        </button>
        <div className="menu-anchor" ref={modelMenu.ref}>
          <button type="button" aria-expanded={modelMenu.open} aria-haspopup="menu" onClick={() => modelMenu.setOpen((v) => !v)}>
            Model ▾
          </button>
          {modelMenu.open && (
            <div className="templates__menu" role="menu">
              <button
                type="button"
                role="menuitem"
                disabled={!models.canExport}
                onClick={() => {
                  modelMenu.close();
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
                  modelMenu.close();
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
                  modelMenu.close();
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
                    modelMenu.close();
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
      </div>
      <div className="toolbar__group templates" role="group" aria-label="Edit">
        <div className="menu-anchor" ref={templatesMenu.ref}>
          <button type="button" aria-expanded={templatesMenu.open} aria-haspopup="menu" onClick={() => templatesMenu.setOpen((v) => !v)} disabled={busy}>
            Templates ▾
          </button>
          {templatesMenu.open && (
            <div className="templates__menu" role="menu">
              {TEMPLATES.map((t) => (
                <button
                  key={t.id}
                  type="button"
                  role="menuitem"
                  data-testid={`template-${t.id}`}
                  onClick={() => {
                    templatesMenu.close();
                    void project.loadTemplate(t);
                  }}
                >
                  <strong>{t.title}</strong>
                  <span>{t.description}</span>
                </button>
              ))}
            </div>
          )}
        </div>
        <button type="button" title="Arrange the layers left to right" onClick={() => void autoLayout()}>
          Auto-layout
        </button>
        <button type="button" onClick={() => graph.getState().undo()} disabled={!canUndo} title="Undo (Ctrl/Cmd+Z)" aria-label="Undo">
          ↶
        </button>
        <button type="button" onClick={() => graph.getState().redo()} disabled={!canRedo} title="Redo (Shift+Ctrl/Cmd+Z)" aria-label="Redo">
          ↷
        </button>
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
      <label className="toolbar__field" title="How long to train: gradient steps (iterations), or passes over the training set (epochs)">
        <NumberInput
          key={lengthUnit}
          aria-label={lengthUnit === 'epochs' ? 'Epochs' : 'Iterations'}
          value={lengthUnit === 'epochs' ? epochs : iterations}
          rule={lengthUnit === 'epochs' ? EPOCHS : ITERATIONS}
          size={6}
          disabled={busy}
          onCommit={(v) => settings.setState(lengthUnit === 'epochs' ? { epochs: v } : { iterations: v })}
        />
        <select
          aria-label="Run length unit"
          value={lengthUnit}
          disabled={busy}
          onChange={(event) => settings.setState({ lengthUnit: event.target.value as LengthUnit })}
        >
          <option value="iterations">iterations</option>
          <option value="epochs">epochs</option>
        </select>
      </label>
      {/* Only while runs start from another model's layers: a reminder that says so, to change or stop it. */}
      <TransferFrom disabled={busy} />
      <div className="toolbar__spacer" />
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

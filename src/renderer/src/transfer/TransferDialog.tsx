/**
 * Model ▸ Transfer Weights…: start layers of this network from an exported model's weights
 * (transfer learning, course 3, week 2). The layers that fit — same kind, every parameter the
 * same shape — are offered per layer (a replaced output layer starts fresh by default), and each
 * layer can be frozen here too, so early layers keep what they learned on the first task.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatShape, parseModelSpec } from '../../../../engine/compile';
import { importModel, type ModelFile } from '../../../../engine/export';
import { matchLayers } from '../../../../engine/train';
import { useCompile } from '../canvas/compile-context';
import { NODE_KINDS } from '../graph/node-kinds';
import { startWeights } from '../project/start-weights';
import { useGraph, useRun, useServices } from '../stores';
import { setTransfer, transferStore, useTransfer } from './transfer-store';

export function TransferDialog() {
  const { host, graph } = useServices();
  const { result } = useCompile();
  const open = useTransfer((s) => s.dialogOpen);
  const current = useTransfer((s) => s.source);
  const chosenLayers = useTransfer((s) => s.layers);
  const runModel = useRun((s) => (s.status === 'finished' ? s.model : null));
  const runLabel = useRun((s) => s.settings?.label.split(' ')[0] ?? 'the last run');
  const nodes = useGraph((s) => s.doc.nodes);
  const dialog = useRef<HTMLDialogElement>(null);
  const [source, setSource] = useState<{ model: ModelFile; name: string } | null>(current);
  const [choice, setChoice] = useState<Record<string, string | null>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setSource(current);
      setChoice({});
      setError(null);
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open, current]);

  const matches = useMemo(() => {
    if (!source) return [];
    const spec = parseModelSpec(source.model.spec);
    return spec.ok ? matchLayers({ spec: spec.spec, parameters: source.model.parameters }, result.layers) : [];
  }, [source, result.layers]);
  // The layers chosen: the user's picks, else what is in force for this model, else the default pairing.
  const picked = (target: string, fallback: string | null) =>
    target in choice ? choice[target] : source && source === current && current ? (chosenLayers[target] ?? null) : fallback;

  const useRunModel = () => runModel && setSource({ model: runModel, name: `run ${runLabel}` });
  const openFile = async () => {
    const file = await host.importModel();
    if (!file) return;
    const imported = importModel(file.text);
    if (!imported.ok) {
      setError(`${file.name} cannot give weights: ${imported.error}`);
      return;
    }
    setError(null);
    setChoice({});
    setSource({ model: JSON.parse(file.text) as ModelFile, name: file.name });
  };
  const apply = () => {
    if (!source) return;
    const layers = Object.fromEntries(
      matches.flatMap((m) => {
        const s = picked(m.target, m.source);
        return s ? [[m.target, s]] : [];
      }),
    );
    setTransfer(source, layers);
    // Continuing from whole weights and transferring some are two ways to start: keep one.
    startWeights.getState().setUse(false);
    transferStore.setState({ dialogOpen: false });
  };
  const frozen = (id: string) => nodes.find((n) => n.id === id)?.data.frozen === true;

  return (
    <dialog
      ref={dialog}
      className="search-dialog"
      aria-label="Transfer weights"
      data-testid="transfer-dialog"
      onClose={() => transferStore.setState({ dialogOpen: false })}
    >
      {open && (
        <>
          <h2>Transfer weights</h2>
          <p className="muted small">
            Start layers of this network from a trained model’s weights; the others start fresh. Freeze the early layers to keep what they learned (with little
            data for the new task), or leave them trainable to fine-tune.
          </p>
          <p>
            <button type="button" onClick={useRunModel} disabled={!runModel}>
              The last run’s model
            </button>{' '}
            <button type="button" onClick={() => void openFile()}>
              A model file…
            </button>{' '}
            {source && (
              <span data-testid="transfer-source">
                from <strong>{source.name}</strong>
              </span>
            )}
          </p>
          {error && (
            <p className="diagnostic error" role="alert">
              {error}
            </p>
          )}
          {source && (
            <table className="compact" data-testid="transfer-layers">
              <thead>
                <tr>
                  <th>layer</th>
                  <th>W</th>
                  <th>weights from</th>
                  <th>frozen</th>
                </tr>
              </thead>
              <tbody>
                {matches.map((m) => {
                  const layer = result.layers.find((l) => l.id === m.target)!;
                  const shape = layer.shapes.W ?? layer.shapes.gamma;
                  return (
                    <tr key={m.target} data-testid={`transfer-row-${m.target}`}>
                      <td>
                        {m.target} <span className="muted">({NODE_KINDS[layer.kind].title})</span>
                      </td>
                      <td>{shape ? formatShape(shape) : ''}</td>
                      <td>
                        <select
                          aria-label={`Weights of ${m.target}`}
                          value={picked(m.target, m.source) ?? ''}
                          onChange={(e) => setChoice({ ...choice, [m.target]: e.target.value || null })}
                        >
                          <option value="">fresh (initialised)</option>
                          {m.candidates.map((c) => (
                            <option key={c} value={c}>
                              {c}
                            </option>
                          ))}
                        </select>
                        {m.candidates.length === 0 && <span className="muted small"> no layer of the model fits</span>}
                      </td>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Freeze ${m.target}`}
                          checked={frozen(m.target)}
                          onChange={(e) => graph.getState().setParam(m.target, 'frozen', e.target.checked)}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <p className="search-actions">
            <button type="button" className="primary" onClick={apply} disabled={!source}>
              Use these weights
            </button>
            <button type="button" onClick={() => transferStore.setState({ dialogOpen: false })}>
              Close
            </button>
          </p>
        </>
      )}
    </dialog>
  );
}

/**
 * The side bar's tabs, one place each: Data | Layer (the inspector) | Training (the
 * hyperparameters) | Run (cost, summary, bias/variance) | Evaluate | Health | Runs | Inside
 * (step-through, conv views). Only the open tab is mounted, so hidden charts cost nothing during a
 * run. Pressing Train opens Run, selecting a layer opens Layer, choosing a dataset opens Data.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useGraph, useRun, useSettings } from '../stores';
import { BiasVariancePanel } from './BiasVariancePanel';
import { EvaluationPanel } from './EvaluationPanel';
import { HealthPanel } from './HealthPanel';
import { usePanelPrefs, type PanelTab } from './panel-prefs';
import { RunsPanel } from './RunsPanel';
import { InsidePanel } from '../lessons/inside/InsidePanel';
import './panels.css';
import { PanelBoundary } from '../ErrorBoundary';

const TABS: { id: PanelTab; label: string; title: string }[] = [
  { id: 'data', label: 'Data', title: 'The dataset: generator settings or imports, the split and normalisation' },
  { id: 'build', label: 'Layer', title: 'The selected layer: its parameters and shapes' },
  { id: 'training', label: 'Training', title: 'Mini-batches, optimizer, L2, learning-rate decay, early stopping, seed' },
  { id: 'run', label: 'Run', title: 'The cost as it falls, the run summary, bias and variance' },
  { id: 'evaluate', label: 'Evaluate', title: 'Decision boundary, confusion matrix, error analysis' },
  { id: 'health', label: 'Health', title: 'Gradient and activation norms per layer' },
  { id: 'runs', label: 'Runs', title: 'Every run, overlaid; gradient checking' },
  { id: 'inside', label: 'Inside', title: 'Step through one example; what conv layers see' },
];

export function SidePanels({ data, build, training, run }: { data: ReactNode; build: ReactNode; training: ReactNode; run: ReactNode }) {
  const { tab, set } = usePanelPrefs();
  const runId = useRun((s) => s.runId);
  const status = useRun((s) => s.status);
  const selected = useGraph((s) => s.doc.nodes.find((n) => n.selected)?.id ?? null);
  const datasetId = useSettings((s) => s.datasetId);
  const lastRun = useRef(runId);
  const lastSelected = useRef(selected);
  const lastDataset = useRef(datasetId);

  useEffect(() => {
    if (runId && runId !== lastRun.current && status === 'starting') set({ tab: 'run' });
    lastRun.current = runId;
  }, [runId, status, set]);
  useEffect(() => {
    if (selected && selected !== lastSelected.current) set({ tab: 'build' });
    lastSelected.current = selected;
  }, [selected, set]);
  useEffect(() => {
    if (datasetId !== lastDataset.current) set({ tab: 'data' });
    lastDataset.current = datasetId;
  }, [datasetId, set]);

  return (
    <>
      <div className="side-tabs" role="tablist" aria-label="Panels">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            data-testid={`tab-${t.id}`}
            title={t.title}
            onClick={() => set({ tab: t.id })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="side-body" role="tabpanel" aria-label={TABS.find((t) => t.id === tab)?.label}>
        {tab === 'data' && data}
        {tab === 'build' && build}
        {tab === 'training' && training}
        {tab === 'run' && (
          <>
            {run}
            <PanelBoundary name="Bias and variance">
              <BiasVariancePanel />
            </PanelBoundary>
          </>
        )}
        {tab === 'evaluate' && (
          <PanelBoundary name="Evaluate">
            <EvaluationPanel />
          </PanelBoundary>
        )}
        {tab === 'health' && (
          <PanelBoundary name="Health">
            <HealthPanel />
          </PanelBoundary>
        )}
        {tab === 'runs' && (
          <PanelBoundary name="Runs">
            <RunsPanel />
          </PanelBoundary>
        )}
        {tab === 'inside' && (
          <PanelBoundary name="Inside">
            <InsidePanel />
          </PanelBoundary>
        )}
      </div>
    </>
  );
}

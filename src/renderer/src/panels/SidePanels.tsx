/**
 * The side bar's tabs: Build (the app's inspector and dimensions) | Run (cost, bias/
 * variance, summary) | Evaluate | Health | Runs | Inside (step-through, conv views). Only the open tab is mounted, so
 * hidden charts cost nothing during a run. Pressing Train opens Run; selecting a
 * layer opens Build.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useGraph, useRun } from '../stores';
import { BiasVariancePanel } from './BiasVariancePanel';
import { EvaluationPanel } from './EvaluationPanel';
import { HealthPanel } from './HealthPanel';
import { usePanelPrefs, type PanelTab } from './panel-prefs';
import { RunsPanel } from './RunsPanel';
import { InsidePanel } from '../lessons/inside/InsidePanel';
import './panels.css';
import { PanelBoundary } from '../ErrorBoundary';

const TABS: { id: PanelTab; label: string }[] = [
  { id: 'build', label: 'Inspector' },
  { id: 'run', label: 'Run' },
  { id: 'evaluate', label: 'Evaluate' },
  { id: 'health', label: 'Health' },
  { id: 'runs', label: 'Runs' },
  { id: 'inside', label: 'Inside' },
];

export function SidePanels({ build, run }: { build: ReactNode; run: ReactNode }) {
  const { tab, set } = usePanelPrefs();
  const runId = useRun((s) => s.runId);
  const status = useRun((s) => s.status);
  const selected = useGraph((s) => s.doc.nodes.find((n) => n.selected)?.id ?? null);
  const lastRun = useRef(runId);
  const lastSelected = useRef(selected);

  useEffect(() => {
    if (runId && runId !== lastRun.current && status === 'starting') set({ tab: 'run' });
    lastRun.current = runId;
  }, [runId, status, set]);
  useEffect(() => {
    if (selected && selected !== lastSelected.current) set({ tab: 'build' });
    lastSelected.current = selected;
  }, [selected, set]);

  return (
    <>
      <div className="side-tabs" role="tablist" aria-label="Panels">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} data-testid={`tab-${t.id}`} onClick={() => set({ tab: t.id })}>
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'build' && build}
      {tab === 'run' && (
        <>
          {run}
          <PanelBoundary name="Bias and variance">
            <BiasVariancePanel />
          </PanelBoundary>
        </>
      )}
      {tab === 'evaluate' && <PanelBoundary name="Evaluate"><EvaluationPanel /></PanelBoundary>}
      {tab === 'health' && <PanelBoundary name="Health"><HealthPanel /></PanelBoundary>}
      {tab === 'runs' && <PanelBoundary name="Runs"><RunsPanel /></PanelBoundary>}
      {tab === 'inside' && <PanelBoundary name="Inside"><InsidePanel /></PanelBoundary>}
    </>
  );
}

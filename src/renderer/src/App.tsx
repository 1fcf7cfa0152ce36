import { useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { CompileProvider } from './canvas/compile-context';
import { Palette } from './canvas/Palette';
import { useEditorShortcuts } from './canvas/use-shortcuts';
import { Inspector } from './inspector/Inspector';
import { CostChart } from './panels/CostChart';
import { DimensionsDock } from './panels/DimensionsDock';
import { DatasetPanel } from './data/DatasetPanel';
import { RunSummary } from './panels/RunSummary';
import { SidePanels } from './panels/SidePanels';
import { ProjectBanner } from './project/ProjectBanner';
import { useAutosave, useProject } from './project/use-project';
import { TrainBar } from './run/TrainBar';
import { TrainNotice } from './run/TrainNotice';
import { TrainingPanel } from './run/TrainingPanel';
import { useTrainerEvents } from './run/use-training';
import { StatusBar } from './StatusBar';
import { MenuBridge } from './MenuBridge';
import { IncomingFiles } from './project/IncomingFiles';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SearchDialog } from './search/SearchDialog';
import { TransferDialog } from './transfer/TransferDialog';
import { TemplateGuide } from './transfer/TemplateGuide';
import { Lessons } from './lessons/Lessons';
import { useServices } from './stores';
import { useBundledData } from './data/bundled';
import { PanelBoundary } from './ErrorBoundary';

function useWindowTitle(): void {
  const { host } = useServices();
  const { name, dirty } = useProject();
  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${name} — Dendrite`;
  }, [name, dirty]);
  useEffect(() => {
    // Browsers can lose unsaved work on close; the desktop shell asks through its own menu.
    if (host.kind !== 'web' || !dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [host, dirty]);
}

export function App() {
  const { graph } = useServices();
  useTrainerEvents();
  useEditorShortcuts(graph);
  useAutosave();
  useWindowTitle();
  useBundledData();
  return (
    <CompileProvider>
      <MenuBridge />
      <IncomingFiles />
      <ShortcutsDialog />
      <SearchDialog />
      <TransferDialog />
      <TemplateGuide />
      <Lessons />
      <div className="app">
        <PanelBoundary name="Toolbar">
          <TrainBar />
        </PanelBoundary>
        <div className="notices">
          <TrainNotice />
          <ProjectBanner />
        </div>
        <PanelBoundary name="Palette">
          <Palette />
        </PanelBoundary>
        <main className="workspace">
          <PanelBoundary name="Canvas">
            <Canvas />
          </PanelBoundary>
          <PanelBoundary name="Dimensions">
            <DimensionsDock />
          </PanelBoundary>
        </main>
        <aside className="side">
          <SidePanels
            data={
              <PanelBoundary name="Data">
                <DatasetPanel />
              </PanelBoundary>
            }
            build={
              <PanelBoundary name="Layer">
                <Inspector />
              </PanelBoundary>
            }
            training={
              <PanelBoundary name="Training">
                <TrainingPanel />
              </PanelBoundary>
            }
            run={
              <PanelBoundary name="Run">
                <CostChart />
                <RunSummary />
              </PanelBoundary>
            }
          />
        </aside>
        <PanelBoundary name="Status bar">
          <StatusBar />
        </PanelBoundary>
      </div>
    </CompileProvider>
  );
}

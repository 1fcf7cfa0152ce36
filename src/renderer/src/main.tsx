import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { ReactFlowProvider } from '@xyflow/react';
import { App } from './App';
import { PanelBoundary } from './ErrorBoundary';
import { ServicesProvider, type AppServices } from './stores';
import { pickHost } from './host/pick-host';
import { createGraphStore } from './graph/graph-store';
import { planarExample } from './graph/examples';
import { createRunStore } from './run/run-store';
import { createSettingsStore, DEFAULT_SETTINGS } from './run/settings-store';
import { createProjectStore } from './project/project-store';
import { serialiseProject, toProject } from './project/project-io';
import { withLessonRuns } from './lessons/lesson-runs';

// The first launch opens on the course's planar network, ready to train.
const services: AppServices = {
  // Lessons see every run's request (and make lesson runs reproducible): see lessons/lesson-runs.ts.
  host: withLessonRuns(pickHost()),
  graph: createGraphStore(planarExample()),
  run: createRunStore(),
  settings: createSettingsStore(),
  project: createProjectStore({ name: 'planar', savedText: serialiseProject(toProject(planarExample(), DEFAULT_SETTINGS)) }),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServicesProvider services={services}>
      <ReactFlowProvider>
        <PanelBoundary name="Dendrite">
          <App />
        </PanelBoundary>
      </ReactFlowProvider>
    </ServicesProvider>
  </StrictMode>,
);

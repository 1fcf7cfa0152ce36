import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';
import { ServicesProvider, type AppServices } from './stores';
import { pickHost } from './host/pick-host';
import { createGraphStore } from './graph/graph-store';
import { planarExample } from './graph/examples';
import { createRunStore } from './run/run-store';
import { createSettingsStore } from './run/settings-store';

const services: AppServices = {
  host: pickHost(),
  graph: createGraphStore(planarExample()),
  run: createRunStore(),
  settings: createSettingsStore(),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServicesProvider services={services}>
      <App />
    </ServicesProvider>
  </StrictMode>,
);

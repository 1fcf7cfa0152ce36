/** The app's stores and host, provided once at the root and read through small hooks. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { GraphActions, GraphState, GraphStore } from './graph/graph-store';
import type { RunState, RunStore } from './run/run-store';
import type { SettingsState, SettingsStore } from './run/settings-store';
import type { Host } from './host/host';
import type { ProjectStore } from './project/project-store';

export interface AppServices {
  host: Host;
  graph: GraphStore;
  run: RunStore;
  settings: SettingsStore;
  project: ProjectStore;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

export function useGraph<T>(selector: (state: GraphState & GraphActions) => T): T {
  return useStore(useServices().graph, selector);
}

export function useRun<T>(selector: (state: RunState) => T): T {
  return useStore(useServices().run, selector);
}

export function useSettings<T>(selector: (state: SettingsState) => T): T {
  return useStore(useServices().settings, selector);
}

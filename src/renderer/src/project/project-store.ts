/** Which project is open, what was last saved, and what the UI should tell the user about files. */
import { createStore } from 'zustand/vanilla';

export interface ProjectState {
  name: string;
  /** The project text as last saved or opened; the editor is dirty when it differs. */
  savedText: string;
  /** A recovered autosave waiting for the user's decision. */
  recovered: string | null;
  message: { kind: 'error' | 'info'; text: string } | null;
}

export function createProjectStore(initial: Pick<ProjectState, 'name' | 'savedText'>) {
  return createStore<ProjectState>()(() => ({ ...initial, recovered: null, message: null }));
}

export type ProjectStore = ReturnType<typeof createProjectStore>;

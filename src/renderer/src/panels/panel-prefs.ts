/** UI choices of the live panels (not part of the project, not undoable), kept across tab switches. */
import { create } from 'zustand';
import type { OptimisingMetric, SatisficingConstraint } from '../../../../engine/train/metrics';

/** 'build' is the selected layer's inspector (its id predates the Data and Training tabs). */
export type PanelTab = 'data' | 'build' | 'training' | 'run' | 'evaluate' | 'health' | 'runs' | 'inside';

export interface PanelPrefs {
  tab: PanelTab;
  /** β of the exponentially weighted average on the cost (0 = off). */
  beta: number;
  logScale: boolean;
  /** Human-level error (Bayes proxy), a fraction. */
  humanError: number;
  /** Decision threshold for binary outputs. */
  threshold: number;
  normalised: boolean;
  /** The single-number metric and its optional satisficing constraint (null = none). */
  optimising: OptimisingMetric;
  constraint: SatisficingConstraint | null;
  /** Run ids selected for the overlay. */
  overlay: string[];
  /** The confusion-matrix cell [actual, predicted] whose examples the grid shows (null = all). */
  cell: [number, number] | null;
  set(patch: Partial<Omit<PanelPrefs, 'set'>>): void;
}

export const usePanelPrefs = create<PanelPrefs>()((set) => ({
  tab: 'data',
  beta: 0.9,
  logScale: false,
  humanError: 0,
  threshold: 0.5,
  normalised: false,
  optimising: 'accuracy',
  constraint: null,
  overlay: [],
  cell: null,
  set: (patch) => set(patch),
}));

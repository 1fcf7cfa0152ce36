/**
 * The learning curve being computed (or the last one): outside any component, so
 * switching tabs keeps it and the toolbar can hold Train while its runs use the CPU.
 */
import { create } from 'zustand';
import type { CurveControl, CurvePoint } from './learning-curve';

export interface CurveState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  points: CurvePoint[];
  progress: { running: number | null; total: number; finished: number } | null;
  error: string | null;
  control: CurveControl | null;
}

export const useCurve = create<CurveState>()(() => ({ status: 'idle', points: [], progress: null, error: null, control: null }));

/**
 * What a lesson step's `controls` hide or lock, as CSS: one table from control ids to the
 * interface's elements, so a step can say "hide the palette, lock the dataset" without the
 * components knowing about lessons. Locked controls stay visible but take no clicks.
 */
import type { ControlId } from '../../../../engine/lessons/format';

export const CONTROL_SELECTORS: Record<ControlId, readonly string[]> = {
  palette: ['.palette'],
  // Locked: the network can be looked at, not edited (no selecting, dragging or wiring).
  canvas: ['.canvas'],
  inspector: ['.inspector'],
  templates: ['.templates > button[aria-expanded]', '.templates__menu'],
  project: ['[role="group"][aria-label="Project"]'],
  dataset: ['.toolbar__field:has(option[value="none"])', '[data-testid="dataset-panel"] > :not([data-testid="prep"])'],
  'data-prep': ['[data-testid="prep"]'],
  'learning-rate': ['.toolbar__field:has([aria-label="Learning rate α"])'],
  // The Training tab's rows (the toolbar keeps α and the run's length).
  'batch-size': ['.training__row:has(#training-batch)'],
  optimizer: ['.training__row:has(#training-optimizer)'],
  iterations: ['.toolbar__field:has([aria-label="Run length unit"])'],
  train: ['.toolbar button.primary'],
};

/** The stylesheet for one step's controls (empty when it changes nothing). */
export function controlsCss(controls: { hidden?: readonly ControlId[]; locked?: readonly ControlId[] } | undefined): string {
  if (!controls) return '';
  const rules: string[] = [];
  const selectors = (ids: readonly ControlId[] = []) => ids.flatMap((id) => CONTROL_SELECTORS[id]);
  const hidden = selectors(controls.hidden);
  const locked = selectors(controls.locked).filter((s) => !hidden.includes(s));
  if (hidden.length) rules.push(`${hidden.join(',\n')} { display: none !important; }`);
  if (locked.length) rules.push(`${locked.join(',\n')} { pointer-events: none !important; opacity: 0.5; filter: grayscale(0.5); }`);
  return rules.join('\n');
}

/** Shapes the student is asked to predict stay hidden until the prediction is checked. */
export const SHAPE_SELECTORS = ['.layer-node__shapes', '.edge-shape', '.dimension-table', '.inspector .shape-table'] as const;

export function hideShapesCss(): string {
  return `${SHAPE_SELECTORS.join(',\n')} { visibility: hidden !important; }`;
}

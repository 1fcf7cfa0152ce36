/**
 * The Dimensions table docked under the canvas: the whole network's shapes beside the graph they
 * describe, as wide as the canvas (a right-hand column clipped its last columns), and folded away
 * with one click when the canvas needs the room.
 */
import { create } from 'zustand';
import { useCompile } from '../canvas/compile-context';
import { DimensionTable } from './DimensionTable';

/** Open from the start on a tall window; folded on a short one (1280 × 720), where the canvas needs the room. */
const TALL_WINDOW = 800;

export const useDock = create<{ open: boolean; toggle(): void }>()((set) => ({
  open: typeof window === 'undefined' || window.innerHeight >= TALL_WINDOW,
  toggle: () => set((s) => ({ open: !s.open })),
}));

export function DimensionsDock() {
  const { open, toggle } = useDock();
  const { result } = useCompile();
  const params = result.layers.reduce((sum, layer) => sum + layer.params, 0);
  return (
    <section className={`dims-dock${open ? ' open' : ''}`} aria-label="Dimensions" data-testid="dimensions-dock">
      <button
        type="button"
        className="dims-dock__toggle"
        aria-expanded={open}
        onClick={toggle}
        title={open ? 'Fold the table away' : 'Show every layer\u2019s shapes'}
      >
        <span aria-hidden>{open ? '▾' : '▸'}</span> Dimensions
        <span className="muted">
          {' '}
          · {result.layers.length} layer{result.layers.length === 1 ? '' : 's'} · {params.toLocaleString('en')} parameters
        </span>
      </button>
      {open && (
        <div className="dims-dock__body">
          <DimensionTable />
        </div>
      )}
    </section>
  );
}

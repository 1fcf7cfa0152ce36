/**
 * The palette: layer kinds grouped as the course introduces them, filtered by a
 * search box. Drag a kind onto the canvas, or click it to add it at the centre of the view.
 */
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type DragEvent } from 'react';
import type { LayerKind } from '../../../../engine/spec';
import { CATEGORIES, NODE_KINDS, type NodeKindInfo } from '../graph/node-kinds';
import { useServices } from '../stores';
import { PALETTE_MIME } from './Canvas';

export function matchesSearch(info: NodeKindInfo, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [info.kind, info.title, info.category, info.description].some((text) => text.toLowerCase().includes(q));
}

export function Palette() {
  const { graph } = useServices();
  const { screenToFlowPosition } = useReactFlow();
  const [query, setQuery] = useState('');

  const groups = useMemo(
    () =>
      CATEGORIES.map((category) => ({
        category,
        kinds: Object.values(NODE_KINDS)
          .filter((info) => info.category === category && matchesSearch(info, query))
          .map((info) => info.kind),
      })).filter((group) => group.kinds.length > 0),
    [query],
  );

  const onDragStart = (event: DragEvent, kind: LayerKind) => {
    event.dataTransfer.setData(PALETTE_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };

  const addAtCentre = (kind: LayerKind) => {
    const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
    const centre = canvas ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }) : { x: 0, y: 0 };
    graph.getState().addNode(kind, { x: centre.x - 90, y: centre.y - 40 });
  };

  return (
    <nav className="palette" aria-label="Layer palette">
      <input
        type="search"
        className="palette__search"
        placeholder="Search"
        aria-label="Search layers"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {groups.length === 0 && <p className="empty">No layer matches “{query}”.</p>}
      {groups.map(({ category, kinds }) => (
        <section key={category} aria-label={category}>
          <h2>{category}</h2>
          <ul>
            {kinds.map((kind) => {
              const info = NODE_KINDS[kind];
              return (
                <li key={kind}>
                  <button
                    type="button"
                    className={`palette__item kind-${kind}`}
                    draggable
                    onDragStart={(event) => onDragStart(event, kind)}
                    onClick={() => addAtCentre(kind)}
                    title={`${info.description} Drag onto the canvas, or click to add.`}
                    data-testid={`palette-${kind}`}
                  >
                    {info.title}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}

/** The palette: drag a kind onto the canvas, or click it to add it at the centre of the view. */
import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import type { LayerKind } from '../../../../engine/spec/types';
import { NODE_KINDS, PALETTE_ORDER } from '../graph/node-kinds';
import { useServices } from '../stores';
import { PALETTE_MIME } from './Canvas';

export function Palette() {
  const { graph } = useServices();
  const { screenToFlowPosition } = useReactFlow();

  const onDragStart = (event: DragEvent, kind: LayerKind) => {
    event.dataTransfer.setData(PALETTE_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };

  const addAtCentre = (kind: LayerKind) => {
    const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
    const centre = canvas
      ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
      : { x: 0, y: 0 };
    graph.getState().addNode(kind, { x: centre.x - 80, y: centre.y - 30 });
  };

  return (
    <nav className="palette" aria-label="Layer palette">
      <h2>Layers</h2>
      <ul>
        {PALETTE_ORDER.map((kind) => {
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
    </nav>
  );
}

/**
 * Layouts that read at 1280 × 720 (issue 13, item 5): every template opens wrapped into rows that
 * fitView can show at a readable zoom, no layer on another, and no wire — a residual skip above
 * all — drawn behind a layer. Auto-layout (ELK's columns, then the same wrapping) too.
 */
import { describe, expect, it } from 'vitest';
import { arrange, DEFAULT_VIEW, nodeSize, withPositions } from '../../src/renderer/src/graph/arrange';
import { layoutPositions } from '../../src/renderer/src/graph/layout';
import { bezierSamples, routeEdge, type Rect } from '../../src/renderer/src/canvas/edge-route';
import { TEMPLATES } from '../../src/renderer/src/graph/templates';
import type { GraphDoc } from '../../src/renderer/src/graph/document';

const rects = (doc: GraphDoc) => new Map(doc.nodes.map((n) => [n.id, { ...n.position, ...nodeSize(n) } as Rect]));

/** The zoom fitView(FIT_VIEW) (48 px margins, at most 1.2) would choose for the whole graph. */
function fitZoom(doc: GraphDoc, view = DEFAULT_VIEW): number {
  const all = [...rects(doc).values()];
  const width = Math.max(...all.map((r) => r.x + r.width)) - Math.min(...all.map((r) => r.x));
  const height = Math.max(...all.map((r) => r.y + r.height)) - Math.min(...all.map((r) => r.y));
  return Math.min(1.2, (view.width - 96) / width, (view.height - 96) / height);
}

/** Every wire's drawn path stays clear of every layer but its own two. */
function wiresClear(doc: GraphDoc): string[] {
  const box = rects(doc);
  const blocked: string[] = [];
  for (const edge of doc.edges) {
    const s = box.get(edge.source)!;
    const t = box.get(edge.target)!;
    const handles = doc.nodes.find((n) => n.id === edge.target)!.type === 'add' ? ['a', 'b'] : ['in'];
    const at = (handles.indexOf(edge.targetHandle ?? 'in') + 1) / (handles.length + 1);
    const from = { x: s.x + s.width, y: s.y + s.height / 2 };
    const to = { x: t.x, y: t.y + t.height * at };
    const obstacles = [...box.entries()].filter(([id]) => id !== edge.source && id !== edge.target).map(([, r]) => r);
    const route = routeEdge(from, to, obstacles);
    const points = route.kind === 'bezier' ? bezierSamples(from, to) : route.points;
    const hit = obstacles.some((r) => points.some((p) => p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height));
    if (hit) blocked.push(edge.id);
  }
  return blocked;
}

function overlaps(doc: GraphDoc): string[] {
  const all = [...rects(doc).entries()];
  const out: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, ra] = all[i]!;
      const [b, rb] = all[j]!;
      if (ra.x < rb.x + rb.width && rb.x < ra.x + ra.width && ra.y < rb.y + rb.height && rb.y < ra.y + ra.height) out.push(`${a}/${b}`);
    }
  }
  return out;
}

describe.each(TEMPLATES.map((t) => [t.title, t] as const))('template %s at 1280 × 720', (_title, template) => {
  const doc = withPositions(template.build(), arrange(template.build()));

  it('fits at a readable zoom (≥ 0.6), no layer on another', () => {
    expect(fitZoom(doc)).toBeGreaterThanOrEqual(0.6);
    expect(overlaps(doc)).toEqual([]);
  });

  it('draws no wire behind a layer', () => {
    expect(wiresClear(doc)).toEqual([]);
  });
});

describe('arrange', () => {
  const resnet = TEMPLATES.find((t) => t.id === 'resnet-block')!.build();

  it('lays a residual block in one row with the skip in a lane of its own', () => {
    // A view wide enough for the whole block in one row.
    const doc = withPositions(resnet, arrange(resnet, { width: 4000, height: 900 }));
    const y = new Map(doc.nodes.map((n) => [n.id, n.position.y + nodeSize(n).height / 2]));
    // The skip's ends share a lane; the layers it jumps over sit in the lane below.
    expect(y.get('conv2d-1')).toBeCloseTo(y.get('add-1')!, 5);
    for (const id of ['conv2d-2', 'batchnorm-1', 'activation-1', 'conv2d-3', 'batchnorm-2']) expect(y.get(id)!).toBeGreaterThan(y.get('conv2d-1')! + 50);
    expect(wiresClear(doc)).toEqual([]);
  });

  it('keeps a short network in one row', () => {
    const planar = TEMPLATES.find((t) => t.id === 'planar')!.build();
    const doc = withPositions(planar, arrange(planar));
    expect(new Set(doc.nodes.map((n) => n.position.y + nodeSize(n).height / 2)).size).toBe(1);
  });

  it('Auto-layout (ELK columns, wrapped the same way) keeps the skip clear too', async () => {
    const doc = withPositions(resnet, await layoutPositions(resnet));
    expect(overlaps(doc)).toEqual([]);
    expect(wiresClear(doc)).toEqual([]);
    expect(fitZoom(doc)).toBeGreaterThanOrEqual(0.6);
  });
});

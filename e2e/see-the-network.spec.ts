/**
 * Seeing the network (issue 13, item 5): templates open readable at 1280 × 720 — wrapped into rows,
 * zoomed no smaller than 0.6, no layer on another — a residual skip is never drawn behind a layer,
 * after Auto-layout either, and "Insert flatten" puts the new layer in free space.
 */
import { expect, test, type Page } from '@playwright/test';
import { zoom } from './helpers';

/** Every node's box on screen, by id. */
async function nodeBoxes(page: Page): Promise<Map<string, { x: number; y: number; width: number; height: number }>> {
  const boxes = await page.locator('.react-flow__node').evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      return [n.getAttribute('data-id')!, { x: r.x, y: r.y, width: r.width, height: r.height }] as const;
    }),
  );
  return new Map(boxes);
}

function overlapping(boxes: Map<string, { x: number; y: number; width: number; height: number }>): string[] {
  const all = [...boxes.entries()];
  const out: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, p] = all[i]!;
      const [b, q] = all[j]!;
      if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height) out.push(`${a} on ${b}`);
    }
  }
  return out;
}

/** Wires whose drawn path passes through a layer other than the two it joins (sampled along the SVG path). */
async function wiresBehindLayers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.react-flow__node')].map((n) => ({ id: n.getAttribute('data-id'), r: n.getBoundingClientRect() }));
    const blocked: string[] = [];
    for (const edge of document.querySelectorAll<SVGGElement>('.react-flow__edge')) {
      const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path');
      const id = edge.getAttribute('data-id') ?? '';
      if (!path) continue;
      const matrix = path.getScreenCTM()!;
      const length = path.getTotalLength();
      const ends = (edge.getAttribute('aria-label') ?? '') + id;
      for (let i = 1; i < 60; i++) {
        const p = new DOMPoint(path.getPointAtLength((length * i) / 60).x, path.getPointAtLength((length * i) / 60).y).matrixTransform(matrix);
        const hit = boxes.find(
          ({ id: node, r }) =>
            node && !ends.includes(`-${node}-`) && !ends.endsWith(`-${node}`) && p.x > r.left + 2 && p.x < r.right - 2 && p.y > r.top + 2 && p.y < r.bottom - 2,
        );
        if (hit) {
          blocked.push(`${id} behind ${hit.id}`);
          break;
        }
      }
    }
    return blocked;
  });
}

async function loadTemplate(page: Page, id: string) {
  await page.getByRole('button', { name: 'Templates ▾' }).click();
  await page.getByTestId(`template-${id}`).click();
  await expect(page.getByTestId('template-' + id)).toHaveCount(0);
}

test.describe('at 1280 × 720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  for (const id of ['lenet5', 'resnet-block', 'mlp']) {
    test(`the ${id} template opens readable: zoom ≥ 0.6, every layer in view, none on another, no wire behind a layer`, async ({ page }) => {
      await page.goto('/');
      await loadTemplate(page, id);
      await expect(page.locator('.react-flow__node-output')).toBeVisible();
      // fitView runs once the new nodes are measured.
      await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(0.6);
      // Every layer in view (the template's banner shortens the canvas a moment after it loads: the view refits).
      const outside = async () => {
        const canvas = (await page.getByTestId('canvas').boundingBox())!;
        return [...(await nodeBoxes(page))]
          .filter(
            ([, box]) => box.x < canvas.x || box.y < canvas.y || box.x + box.width > canvas.x + canvas.width || box.y + box.height > canvas.y + canvas.height,
          )
          .map(([node]) => node);
      };
      await expect.poll(outside, { message: 'layers outside the canvas' }).toEqual([]);
      const boxes = await nodeBoxes(page);
      expect(overlapping(boxes)).toEqual([]);
      expect(await wiresBehindLayers(page)).toEqual([]);
      await page.screenshot({ path: `test-results/screenshots/template-${id}-1280x720.png` });
    });
  }
});

test('after Auto-layout the residual skip wire is not drawn behind the block it skips', async ({ page }) => {
  await page.goto('/');
  await loadTemplate(page, 'resnet-block');
  // Scramble the block: drag its middle layers into one line with the skip's ends.
  const skipFrom = (await page.getByTestId('node-conv2d-1').boundingBox())!;
  for (const id of ['conv2d-2', 'batchnorm-1']) {
    const box = (await page.getByTestId(`node-${id}`).boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + 8);
    await page.mouse.down();
    await page.mouse.move(box.x + 30, skipFrom.y + 8, { steps: 6 });
    await page.mouse.up();
  }
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(page.getByTestId('node-add-1')).toBeVisible();
  await expect.poll(async () => (await wiresBehindLayers(page)).length, { timeout: 10_000 }).toBe(0);
  expect(overlapping(await nodeBoxes(page))).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/auto-layout-residual.png' });
});

test('Insert flatten puts the flatten where no layer is', async ({ page }) => {
  await page.goto('/');
  // A conv feeding a dense layer directly, with another layer just below the gap between them.
  const node = (id: string, kind: string, x: number, y: number, params: object = {}) => ({ id, kind, position: { x, y }, params });
  const project = {
    format: 'dendrite.project',
    version: 1,
    graph: {
      nodes: [
        node('input-1', 'input', 0, 0, { shape: [28, 28, 1] }),
        node('conv2d-1', 'conv2d', 250, 0, { filters: 6, f: 5, s: 1, padding: 'same', activation: 'relu' }),
        node('dense-1', 'dense', 600, 0, { units: 32, activation: 'relu' }),
        node('dropout-1', 'dropout', 425, 110, { keepProb: 0.8 }),
        node('output-1', 'output', 900, 100, { units: 10, activation: 'softmax', loss: 'cross_entropy' }),
      ],
      edges: [
        { id: 'e-input-1-conv2d-1', source: 'input-1', target: 'conv2d-1', targetHandle: 'in' },
        { id: 'e-conv2d-1-dense-1', source: 'conv2d-1', target: 'dense-1', targetHandle: 'in' },
        { id: 'e-dense-1-dropout-1', source: 'dense-1', target: 'dropout-1', targetHandle: 'in' },
        { id: 'e-dropout-1-output-1', source: 'dropout-1', target: 'output-1', targetHandle: 'in' },
      ],
    },
    dataset: { id: 'none', seed: 1 },
    training: { learningRate: 0.01, iterations: 100, seed: 2 },
  };
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles({ name: 'gap.dendrite.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  const dense = page.getByTestId('node-dense-1');
  await expect(dense).toContainText('needs a feature vector');
  await dense.getByRole('button', { name: 'Insert flatten' }).click();
  await expect(page.locator('.react-flow__node-flatten')).toHaveCount(1);
  await expect(page.locator('.layer-node.has-error')).toHaveCount(0);
  expect(overlapping(await nodeBoxes(page)).filter((pair) => pair.includes('flatten'))).toEqual([]);
});

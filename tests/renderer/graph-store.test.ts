import { describe, expect, it } from 'vitest';
import { createGraphStore, HISTORY_LIMIT } from '../../src/renderer/src/graph/graph-store';
import { emptyDoc } from '../../src/renderer/src/graph/document';
import { planarExample } from '../../src/renderer/src/graph/examples';

describe('graph store undo/redo', () => {
  it('undoes and redoes add, connect, parameter change and delete, in order', () => {
    const store = createGraphStore(emptyDoc());
    const s = () => store.getState();
    const input = s().addNode('input', { x: 0, y: 0 });
    const dense = s().addNode('dense', { x: 200, y: 0 });
    s().connect({ source: input, target: dense, targetHandle: 'in' });
    s().setParam(dense, 'units', 4);
    s().removeElements([input], []);
    expect(s().doc.nodes.map((n) => n.id)).toEqual([dense]);
    expect(s().doc.edges).toHaveLength(0);

    s().undo(); // delete
    expect(s().doc.nodes).toHaveLength(2);
    expect(s().doc.edges).toHaveLength(1);
    s().undo(); // units
    expect(s().doc.nodes.find((n) => n.id === dense)!.data.units).toBe(8);
    s().undo(); // connect
    expect(s().doc.edges).toHaveLength(0);
    s().redo();
    s().redo();
    expect(s().doc.edges).toHaveLength(1);
    expect(s().doc.nodes.find((n) => n.id === dense)!.data.units).toBe(4);
  });

  it('a new edit clears the redo stack', () => {
    const store = createGraphStore(emptyDoc());
    store.getState().addNode('dense', { x: 0, y: 0 });
    store.getState().undo();
    expect(store.getState().future).toHaveLength(1);
    store.getState().addNode('input', { x: 0, y: 0 });
    expect(store.getState().future).toHaveLength(0);
  });

  it('merges quick edits of one field into one step (typing "128" is one edit)', () => {
    const store = createGraphStore(planarExample());
    for (const units of [1, 12, 128]) store.getState().setParam('dense-1', 'units', units, 'typing-1');
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc.nodes.find((n) => n.id === 'dense-1')!.data.units).toBe(4);
  });

  it('keeps separate edits of one field as separate steps (break, then fix, then undo the fix)', () => {
    const store = createGraphStore(planarExample());
    store.getState().setParam('dense-1', 'units', 7, 'typing-1');
    store.getState().setParam('dense-1', 'units', 9, 'typing-2');
    store.getState().setParam('dense-1', 'units', 10); // a stepper click
    store.getState().setParam('dense-1', 'units', 11);
    expect(store.getState().past).toHaveLength(4);
    store.getState().undo();
    expect(store.getState().doc.nodes.find((n) => n.id === 'dense-1')!.data.units).toBe(10);
  });

  it('records a whole drag as one step and ignores selection', () => {
    const store = createGraphStore(planarExample());
    store.getState().transient((doc) => {
      doc.nodes[1]!.selected = true;
    });
    const from = { 'dense-1': { ...store.getState().doc.nodes[1]!.position } };
    for (let x = 310; x <= 400; x += 10) {
      store.getState().transient((doc) => {
        doc.nodes[1]!.position = { x, y: 100 };
      });
    }
    store.getState().commitMove(from);
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc.nodes[1]!.position).toEqual({ x: 300, y: 100 });
    expect(store.getState().doc.nodes[1]!.selected).toBe(true);
  });

  it('keeps at least 200 steps of history', () => {
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(200);
    const store = createGraphStore(emptyDoc());
    for (let i = 0; i < 250; i += 1) store.getState().addNode('dense', { x: i, y: 0 });
    expect(store.getState().past).toHaveLength(250);
    for (let i = 0; i < 250; i += 1) store.getState().undo();
    expect(store.getState().doc.nodes).toHaveLength(0);
  });

  it('choosing an output activation picks the matching loss', () => {
    const store = createGraphStore(planarExample());
    store.getState().setParam('output-1', 'activation', 'softmax');
    expect(store.getState().doc.nodes.find((n) => n.id === 'output-1')!.data.loss).toBe('cross_entropy');
  });

  it('a target handle takes one wire: connecting again replaces it', () => {
    const store = createGraphStore(planarExample());
    const other = store.getState().addNode('dense', { x: 0, y: 300 });
    store.getState().connect({ source: 'input-1', target: other, targetHandle: 'in' });
    store.getState().connect({ source: other, target: 'output-1', targetHandle: 'in' });
    const intoOutput = store.getState().doc.edges.filter((e) => e.target === 'output-1');
    expect(intoOutput.map((e) => e.source)).toEqual([other]);
  });
});

/** Vanishing/exploding alarms and the live dimension check's helpers. */
import { describe, expect, it } from 'vitest';
import { healthAlarms } from '../../src/renderer/src/panels/health';
import { actualBatch, checkShapes, flopsPerExample, memoryBytes } from '../../src/renderer/src/panels/dimension-check';

const layer = (id: string, gradNorm: number) => ({ id, kind: 'dense', activationRms: 0.5, weightNorm: 1, gradNorm });

describe('layer health alarms', () => {
  it('is quiet for healthy gradients', () => {
    expect(healthAlarms([layer('a', 0.1), layer('b', 0.05), layer('c', 0.2)])).toEqual([]);
  });
  it('flags exploding gradients with the course’s advice', () => {
    const [alarm] = healthAlarms([layer('a', 5e4), layer('b', 1)]);
    expect(alarm.kind).toBe('exploding');
    expect(alarm.advice.join(' ')).toMatch(/learning rate/);
    expect(healthAlarms([layer('a', NaN)])[0].kind).toBe('exploding');
  });
  it('flags vanishing gradients, absolutely or relative to the last layer', () => {
    expect(healthAlarms([layer('a', 1e-9), layer('b', 1)])[0].kind).toBe('vanishing');
    const [relative] = healthAlarms([layer('a', 1e-6), layer('b', 1e-3), layer('c', 0.5)]);
    expect(relative.kind).toBe('vanishing');
    expect(relative.advice.join(' ')).toMatch(/He|Xavier/);
  });
});

describe('dimension check', () => {
  const expected = { id: 'h', shapes: { W: [4, 2], b: [4, 1], Z: [4, 'm' as const], A: [4, 'm' as const] } };
  it('substitutes m and marks matches', () => {
    const actual = [{ id: 'h', kind: 'dense', shapes: { W: [4, 2], b: [4, 1], Z: [4, 400], A: [4, 400] } }];
    expect(actualBatch([expected], actual)).toBe(400);
    expect(checkShapes(expected.shapes, actual[0].shapes, 400).status).toBe('ok');
  });
  it('reports mismatches with both shapes', () => {
    const check = checkShapes(expected.shapes, { W: [2, 4], b: [4, 1] }, 400);
    expect(check.status).toBe('mismatch');
    expect(check.mismatches).toEqual([{ key: 'W', expected: '(4, 2)', actual: '(2, 4)' }]);
    expect(checkShapes(expected.shapes, undefined, 1).status).toBe('none');
  });
  it('counts FLOPs and memory', () => {
    expect(flopsPerExample({ W: [4, 2] }, [4])).toBe(2 * 8 + 4);
    // conv: 2·f·f·nC_prev·nC per output position
    expect(flopsPerExample({ W: [5, 5, 1, 6] }, [28, 28, 6])).toBe(2 * 150 * 28 * 28);
    expect(memoryBytes([{ outShape: [4], params: 12 }], 10)).toBe(4 * (4 * 4 * 10 + 4 * 12));
  });
});

/**
 * Property tests of the two importers users feed files to: whatever the bytes,
 * the result is either a complete, valid value or a clear one-line error — never
 * an exception, never something half-loaded. Runs FUZZ_RUNS cases per property
 * (1,000 in CI; `FUZZ_RUNS=20000 npx vitest run tests/fuzz` for a longer soak).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/shared/project';
import { fromProject, serialiseProject, toProject } from '../../src/renderer/src/project/project-io';
import { planarExample } from '../../src/renderer/src/graph/examples';
import { DEFAULT_SETTINGS } from '../../src/renderer/src/run/settings-store';
import { exportModelJson } from '../../engine/export/export';
import { modelFromRun } from '../../engine/export/from-run';
import { importModel } from '../../engine/export/import';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { trainModel } from '../../engine/train/loop';
import { planarRequest } from '../helpers/planar-request';
import { TEMPLATES } from '../../src/renderer/src/graph/templates';
import { compileGraph } from '../../engine/compile';
import { toGraphInput } from '../../src/renderer/src/graph/document';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

/** Mutations of a valid JSON document: drop, replace or retype any value at any path. */
function mutations(valid: unknown) {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(valid, []);
  const weird = fc.oneof(
    deeplyNested,
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(Number.NaN),
    fc.constant(1e308 * 10),
    fc.constant(-1),
    fc.constant(2 ** 31),
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 3 }),
  );
  return fc.tuple(fc.constantFrom(...paths), weird, fc.constantFrom('replace', 'delete')).map(([path, value, op]) => {
    const copy = structuredClone(valid) as Record<string | number, unknown>;
    if (path.length === 0) return withDeepValues(JSON.stringify(value) ?? 'undefined');
    let target = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (op === 'delete') delete target[last];
    else target[last] = value;
    return withDeepValues(JSON.stringify(copy)); // NaN/Infinity serialise as null, as a file would
  });
}

/**
 * A value nested thousands of levels deep (arrays or objects), as file text: what a hostile file
 * can hold (JSON.parse reads it; a recursive walk over it overflows the stack). A marker stands
 * for it until the mutated document is serialised.
 */
const DEEP = '@@deep@@';
const deeplyNested = fc.constant(DEEP);
const deepText = (depth: number, arrays: boolean) => (arrays ? '['.repeat(depth) + '1' + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
const withDeepValues = (text: string) => text.replaceAll(`"${DEEP}"`, () => deepText(5000, Math.random() < 0.5));

/** Arbitrary byte-level damage: truncation and random text. */
const damaged = (valid: string) =>
  fc.oneof(
    fc.integer({ min: 0, max: valid.length }).map((n) => valid.slice(0, n)),
    fc.string({ maxLength: 200 }),
    fc
      .tuple(fc.integer({ min: 0, max: valid.length }), fc.string({ minLength: 1, maxLength: 5 }))
      .map(([at, junk]) => valid.slice(0, at) + junk + valid.slice(at)),
  );

describe('fuzzing the project importer', () => {
  const valid = serialiseProject(toProject(planarExample(), DEFAULT_SETTINGS, 'planar'));

  it('accepts the valid file', () => {
    expect(parseProject(valid).ok).toBe(true);
  });

  it(`never throws, and either loads everything or explains (${RUNS} structural mutations)`, () => {
    fc.assert(
      fc.property(mutations(JSON.parse(valid)), (text) => {
        const parsed = parseProject(text);
        if (parsed.ok) {
          // What the app does next with an opened project: the live compile and Save.
          const { doc } = fromProject(parsed.project);
          expect(doc.nodes.length).toBe(parsed.project.graph.nodes.length);
          compileGraph(toGraphInput(doc));
          serialiseProject(toProject(doc, DEFAULT_SETTINGS, 'planar'));
        } else {
          expect(parsed.error.length).toBeGreaterThan(10);
          expect(parsed.error).not.toMatch(/\n|at Object\.|TypeError/);
        }
      }),
      { numRuns: RUNS, seed: 42 },
    );
  });

  it('refuses a node param nested 5,000 levels deep (it used to pass, then blow the stack of the live compile and Save)', () => {
    const project = JSON.parse(valid);
    project.graph.nodes[1].params.units = DEEP;
    const parsed = parseProject(withDeepValues(JSON.stringify(project)));
    expect(parsed).toEqual({ ok: false, error: 'The project file is malformed: it nests deeper than 32 levels.' });
  });

  it('refuses node params that are not what a layer parameter can be, however shallow', () => {
    for (const units of [{ a: { b: 1 } }, [[4]], ['4']]) {
      const project = JSON.parse(valid);
      project.graph.nodes[1].params.units = units;
      expect(parseProject(JSON.stringify(project))).toEqual({
        ok: false,
        error: expect.stringMatching(/^The project file is malformed: graph\.nodes\[1\]\.params\.units: expected a number, text, true\/false, a shape/),
      });
    }
    const project = JSON.parse(valid);
    project.graph.nodes[1].params.init = { kind: 'he', scale: 0.1, extra: { a: 1 } };
    expect(parseProject(JSON.stringify(project))).toMatchObject({ ok: false, error: expect.stringMatching(/params\.init: Unrecognized key: "extra"/) });
  });

  it('every template, saved as a project, opens again (params keep their real types)', () => {
    for (const template of TEMPLATES) {
      const doc = template.build();
      const parsed = parseProject(serialiseProject(toProject(doc, DEFAULT_SETTINGS, 'planar')));
      expect(parsed.ok, template.title).toBe(true);
    }
  });

  it(`never throws on damaged bytes (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(damaged(valid), (text) => {
        const parsed = parseProject(text);
        if (!parsed.ok) expect(parsed.error).not.toMatch(/\n/);
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });
});

describe('fuzzing the model importer', async () => {
  const request = planarRequest('fuzz', 5);
  const outcome = await trainModel(request, createReferenceBackend('float32'), {
    emit: () => undefined,
    checkpoint: async () => 'continue',
    now: () => performance.now(),
  });
  if (outcome.status !== 'finished') throw new Error('could not train the fixture model');
  const valid = exportModelJson(modelFromRun(outcome.prepared, request, outcome.metrics, 'reference'));

  it('accepts the valid file', () => {
    expect(importModel(valid).ok).toBe(true);
  });

  it(`never throws, and either loads everything or explains (${RUNS} structural mutations)`, () => {
    fc.assert(
      fc.property(mutations(JSON.parse(valid)), (text) => {
        let result: ReturnType<typeof importModel>;
        expect(() => (result = importModel(text))).not.toThrow();
        if (!result!.ok) {
          expect(result!.error.length).toBeGreaterThan(5);
          expect(result!.error).not.toMatch(/\n/);
        }
      }),
      { numRuns: RUNS, seed: 3 },
    );
  });

  it(`never throws on damaged bytes (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(damaged(valid), (text) => {
        let result: ReturnType<typeof importModel>;
        expect(() => (result = importModel(text))).not.toThrow();
        if (!result!.ok) expect(result!.error).not.toMatch(/\n/);
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });
});

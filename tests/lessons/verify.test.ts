/**
 * `verify` re-computes every recorded goal: an honest results file is verified; each kind of
 * tampering is refused for its own reason (each test fails if that protection is removed).
 */
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../../engine/kernels/reference';
import type { Lesson } from '../../engine/lessons/format';
import { MAX_RESULTS_BYTES, parseResultsText, serialiseResults, type LessonResults } from '../../engine/lessons/results';
import { parseLesson } from '../../engine/lessons/schema';
import { verifyResults, type VerifyReport } from '../../engine/lessons/verify';
import { playLesson } from '../helpers/lesson-player';

const parsed = parseLesson({
  format: 'dendrite.lesson',
  version: 1,
  id: 'test-verify',
  revision: 2,
  title: 'Verify test',
  summary: 'A small lesson with every goal kind.',
  steps: [
    {
      id: 'predict',
      title: 'Predict',
      text: 'Predict W[1].',
      start: {
        graph: {
          nodes: [
            { id: 'input-1', kind: 'input', position: { x: 0, y: 0 }, params: { shape: [2] } },
            { id: 'dense-1', kind: 'dense', position: { x: 240, y: 0 }, params: { units: 3, activation: 'tanh' } },
            { id: 'output-1', kind: 'output', position: { x: 480, y: 0 }, params: { units: 1, activation: 'sigmoid', loss: 'bce' } },
          ],
          edges: [
            { id: 'e1', source: 'input-1', target: 'dense-1', targetHandle: 'in' },
            { id: 'e2', source: 'dense-1', target: 'output-1', targetHandle: 'in' },
          ],
        },
        dataset: { id: 'flower', seed: 1, m: 200, noise: 0.2, split: { train: 0.5, dev: 0.5, seed: 1 } },
        training: { learningRate: 1.2, iterations: 300, seed: 2, batchSize: 'full', optimizer: 'gd' },
      },
      goal: { kind: 'predict', targets: [{ layer: 'dense-1', quantity: 'W' }] },
    },
    { id: 'read', title: 'Read', text: 'Read this.', goal: { kind: 'read' } },
    { id: 'train', title: 'Train', text: 'Train.', goal: { kind: 'run', conditions: [{ on: 'metric', metric: 'trainAccuracy', op: '>=', value: 0.6 }] } },
    { id: 'grad', title: 'Gradients', text: 'Check.', goal: { kind: 'gradcheck' } },
  ],
});
if (!parsed.ok) throw new Error(parsed.error);
const lesson: Lesson = parsed.lesson;

const backend = createReferenceBackend('float32');
const verify = (results: LessonResults, projectText: string, lessons: Lesson[] = [lesson]): Promise<VerifyReport> =>
  verifyResults(serialiseResults(results), projectText, { findLesson: (id) => lessons.find((l) => l.id === id) ?? null, backend });

const played = playLesson(lesson, { predict: { answers: { 'dense-1/W': '(3, 2)' } } });
const fresh = async () => {
  const p = await played;
  return { results: JSON.parse(JSON.stringify(p.results)) as LessonResults, projectText: p.projectText };
};
const refusals = (report: VerifyReport) => (report.status === 'unreadable' ? [report.error] : report.lines.filter((l) => !l.ok).map((l) => l.text));

describe('dendrite verify', () => {
  it('verifies honest results: re-runs the training and reproduces its metrics exactly', async () => {
    const { results, projectText } = await fresh();
    const report = await verify(results, projectText);
    expect(refusals(report)).toEqual([]);
    expect(report.status).toBe('verified');
    if (report.status === 'unreadable') return;
    expect(report.lines.map((l) => l.text).join('\n')).toMatch(/re-ran 300 iterations on flower \(m = 200, seed 2\); metrics reproduced exactly/);
    expect(report.lines.at(-1)?.text).toBe('project: holds the network of the last checked step.');
  });

  it('refuses a tampered metric: the re-run gives another number', async () => {
    const { results, projectText } = await fresh();
    const run = results.steps[2].evidence;
    if (run.kind !== 'run') throw new Error('expected a run');
    run.metrics.trainAccuracy = Math.min(1, run.metrics.trainAccuracy + 0.01);
    const report = await verify(results, projectText);
    expect(report.status).toBe('refused');
    expect(refusals(report)).toEqual([
      expect.stringMatching(/re-running the recorded training gives trainAccuracy = .*, but the results say .*: the results were not produced by this run/),
    ]);
  });

  it('accepts a cost off in its last digits (JavaScript engines differ in the last bit of exp), and says so', async () => {
    const { results, projectText } = await fresh();
    const run = results.steps[2].evidence;
    if (run.kind !== 'run') throw new Error('expected a run');
    run.metrics.trainCost *= 1 + 1e-6;
    const report = await verify(results, projectText);
    expect(refusals(report)).toEqual([]);
    if (report.status === 'unreadable') return;
    expect(report.lines[2].text).toMatch(/metrics reproduced \(the cost to 1\.0e-6 relative: a last-bit difference between JavaScript engines\)/);
  });

  it('refuses a cost changed beyond rounding', async () => {
    const { results, projectText } = await fresh();
    const run = results.steps[2].evidence;
    if (run.kind !== 'run') throw new Error('expected a run');
    run.metrics.trainCost *= 1 - 1e-3;
    expect(refusals(await verify(results, projectText))).toEqual([
      expect.stringMatching(/^step 3 “Train”: re-running the recorded training gives trainCost = /),
    ]);
  });

  it('refuses tampered settings: a run with other settings does not give the recorded metrics', async () => {
    const { results, projectText } = await fresh();
    const run = results.steps[2].evidence;
    if (run.kind !== 'run') throw new Error('expected a run');
    run.run.config.seed = 7;
    expect(refusals(await verify(results, projectText))).toEqual([expect.stringMatching(/^step 3 “Train”: re-running the recorded training gives/)]);
  });

  it('refuses an easier goal written into the file: goals come from the lesson', async () => {
    const { results, projectText } = await fresh();
    results.steps[2].goal = { kind: 'run', conditions: [{ on: 'metric', metric: 'trainAccuracy', op: '>=', value: 0.1 }] };
    expect(refusals(await verify(results, projectText))).toEqual(['step 3 “Train”: the recorded goal is not the lesson’s goal.']);
  });

  it('refuses a run that does not meet the goal, even with honest metrics', async () => {
    const strict = {
      ...lesson,
      steps: lesson.steps.map((s) =>
        s.id === 'train'
          ? { ...s, goal: { kind: 'run' as const, conditions: [{ on: 'metric' as const, metric: 'trainAccuracy' as const, op: '>=' as const, value: 0.999 }] } }
          : s,
      ),
    };
    const { results, projectText } = await fresh();
    results.steps[2].goal = strict.steps[2].goal;
    expect(refusals(await verify(results, projectText, [strict]))).toEqual([
      expect.stringMatching(/^step 3 “Train”: the goal is not met: train accuracy ≥ 99.9 % \(got .* %\)\.$/),
    ]);
  });

  it('refuses a wrong prediction marked as met', async () => {
    const { results, projectText } = await fresh();
    const evidence = results.steps[0].evidence;
    if (evidence.kind !== 'predict') throw new Error('expected predictions');
    evidence.answers[0].typed = '(2, 3)';
    expect(refusals(await verify(results, projectText))).toEqual(['step 1 “Predict”: the goal is not met: W[1] (got (2, 3)).']);
  });

  it('accepts a gradient check that differs in float64 rounding only', async () => {
    const { results, projectText } = await fresh();
    const evidence = results.steps[3].evidence;
    if (evidence.kind !== 'gradcheck') throw new Error('expected a gradient check');
    evidence.difference *= 1.2;
    expect(refusals(await verify(results, projectText))).toEqual([]);
  });

  it('refuses a tampered gradient check', async () => {
    const { results, projectText } = await fresh();
    const evidence = results.steps[3].evidence;
    if (evidence.kind !== 'gradcheck') throw new Error('expected a gradient check');
    evidence.difference = 1e-9;
    expect(refusals(await verify(results, projectText))).toEqual([
      expect.stringMatching(/^step 4 “Gradients”: the gradient check gives a relative difference of .*, but the results say 1\.000e-9\.$/),
    ]);
  });

  it('refuses missing, unmet and foreign steps', async () => {
    const { results, projectText } = await fresh();
    results.steps = results.steps.filter((s) => s.step !== 'read');
    results.steps[0].met = false;
    results.steps.push({ ...results.steps[1], step: 'bonus' });
    expect(refusals(await verify(results, projectText))).toEqual([
      'Step "bonus" is not a step of this lesson.',
      'step 1 “Predict”: the results say the goal was not met.',
      'step 2 “Read”: not completed (missing from the results).',
    ]);
  });

  it('refuses results with another project: the project must hold the last checked network', async () => {
    const { results, projectText } = await fresh();
    const project = JSON.parse(projectText);
    project.graph.nodes[1].params.units = 4;
    expect(refusals(await verify(results, JSON.stringify(project)))).toEqual([
      'project: its network is not the one of the last checked step (layer dense-1 differs).',
    ]);
  });

  it('refuses results of another revision of the lesson', async () => {
    const { results, projectText } = await fresh();
    results.lesson.revision = 1;
    expect(refusals(await verify(results, projectText))).toEqual(['The results were made with revision 1 of the lesson; this one is revision 2.']);
  });

  it('says what it cannot read: an unknown lesson, a malformed file, a model instead of a project', async () => {
    const { results, projectText } = await fresh();
    expect(await verify(results, projectText, [])).toEqual({ status: 'unreadable', error: expect.stringContaining('pass the lesson file with --lesson') });
    const bad = await verifyResults('{"format":"dendrite.lesson-results","version":1}', projectText, { findLesson: () => lesson, backend });
    expect(bad).toEqual({ status: 'unreadable', error: expect.stringMatching(/^The results file is malformed: lesson: /) });
    expect(parseResultsText(' '.repeat(MAX_RESULTS_BYTES + 1))).toEqual({ ok: false, error: 'The file is too large to be a lesson results file.' });
    const huge = await verifyResults(serialiseResults(results), ' '.repeat(20 * 1024 * 1024 + 1), { findLesson: () => lesson, backend });
    expect(huge).toEqual({ status: 'unreadable', error: 'The project file is too large to be a Dendrite project.' });
    const model = await verifyResults(serialiseResults(results), '{"format":"dendrite.model"}', { findLesson: () => lesson, backend });
    expect(model).toEqual({ status: 'unreadable', error: 'The second file is not a Dendrite project (format should be "dendrite.project").' });
  });
});

/**
 * Checking a goal against its evidence: the same function in the app (when the student presses
 * Check) and in `dendrite verify` (on evidence it has computed again). Every condition reports
 * what it asked and what it found, in the course's words.
 */
import { compileSpec, describeDiagnostics } from '../compile';
import type { CompileResult, DatasetShape } from '../compile/types';
import { defaultInit } from '../init';
import type { FinalMetrics } from '../protocol/messages';
import type { LayerSpec, ModelSpec } from '../spec/types';
import type { TrainConfig } from '../protocol/train-config';
import { gradCheckBand } from '../train/gradcheck';
import type { Comparison, Condition, Goal, MetricName, SettingName } from './format';
import type { Evidence } from './evidence';
import { markPrediction, targetLabel, type Marked } from './predict';

export interface ConditionReport {
  /** "dev error < 10 %" */
  text: string;
  /** "7.5 %" */
  actual: string;
  met: boolean;
}

export interface GoalOutcome {
  met: boolean;
  reports: ConditionReport[];
  /** Predictions, marked (predict goals). */
  marked?: Marked[];
  /** Why the goal could not be judged at all (the network does not compile, no run yet…). */
  problem?: string;
}

const SYMBOL: Record<Comparison, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '=': '=', '!=': '≠' };

const METRIC_LABEL: Record<MetricName, string> = {
  trainAccuracy: 'train accuracy',
  devAccuracy: 'dev accuracy',
  trainError: 'train error',
  devError: 'dev error',
  trainCost: 'train cost J',
  varianceGap: 'dev error − train error',
};

const SETTING_LABEL: Record<SettingName, string> = {
  learningRate: 'learning rate α',
  iterations: 'iterations',
  batchSize: 'mini-batch size',
  optimizer: 'optimizer',
  l2: 'L2 λ',
  seed: 'seed',
};

const isFraction = (metric: MetricName) => metric !== 'trainCost';
const percent = (value: number) => `${+(value * 100).toFixed(2)} %`;

function compare(actual: number | string, op: Comparison, expected: number | string): boolean {
  if (typeof actual === 'string' || typeof expected === 'string') {
    if (op === '=') return String(actual) === String(expected);
    if (op === '!=') return String(actual) !== String(expected);
    return false;
  }
  switch (op) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
  }
}

/** "dev error < 10 %", "hidden units ≤ 5", "every dense layer: init.kind = he". */
export function describeCondition(condition: Condition): string {
  switch (condition.on) {
    case 'metric':
      return `${METRIC_LABEL[condition.metric]} ${SYMBOL[condition.op]} ${isFraction(condition.metric) ? percent(condition.value) : condition.value}`;
    case 'count':
      return `${condition.what === 'hiddenUnits' ? 'hidden units (all dense layers)' : condition.what === 'params' ? 'parameters' : `${condition.kind ?? ''} layers`.trim()} ${SYMBOL[condition.op]} ${condition.value}`;
    case 'layers':
      return `${condition.quantifier === 'some' ? 'some' : 'every'} ${condition.kind} layer: ${condition.param} ${SYMBOL[condition.op]} ${condition.value}`;
    case 'setting':
      return `${SETTING_LABEL[condition.setting]} ${SYMBOL[condition.op]} ${condition.value}`;
    case 'shape':
      return `${condition.layer} outputs ${condition.equals.join('×')}`;
  }
}

interface Facts {
  spec: ModelSpec;
  compiled: CompileResult;
  metrics?: FinalMetrics;
  config?: TrainConfig;
}

function metricValue(metrics: FinalMetrics, metric: MetricName): number | undefined {
  const dev = metrics.devAccuracy;
  switch (metric) {
    case 'trainAccuracy':
      return metrics.trainAccuracy;
    case 'devAccuracy':
      return dev;
    case 'trainError':
      return 1 - metrics.trainAccuracy;
    case 'devError':
      return dev === undefined ? undefined : 1 - dev;
    case 'trainCost':
      return metrics.trainCost;
    case 'varianceGap':
      return dev === undefined ? undefined : metrics.trainAccuracy - dev;
  }
}

function settingValue(config: TrainConfig, setting: SettingName): number | string | undefined {
  switch (setting) {
    case 'learningRate':
      return config.learningRate;
    case 'iterations':
      return config.iterations;
    case 'batchSize':
      return config.batchSize;
    case 'optimizer':
      return config.optimizer.kind;
    case 'l2':
      return config.l2 ?? 0;
    case 'seed':
      return config.seed;
  }
}

/** A layer field by dotted path, with the defaults the engine applies (init, activation). */
export function layerField(layer: LayerSpec, path: string): number | string | undefined {
  const parts = path.split('.');
  let value: unknown = layer;
  for (const part of parts) value = (value as Record<string, unknown> | undefined)?.[part];
  if (value === undefined && parts[0] === 'init' && (layer.kind === 'dense' || layer.kind === 'conv2d' || layer.kind === 'output')) {
    value = parts.slice(1).reduce<unknown>((v, part) => (v as Record<string, unknown> | undefined)?.[part], defaultInit(layer));
  }
  if (value === undefined && path === 'activation' && (layer.kind === 'dense' || layer.kind === 'conv2d')) value = 'linear';
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

function evaluate(condition: Condition, facts: Facts): ConditionReport {
  const text = describeCondition(condition);
  const report = (met: boolean, actual: string): ConditionReport => ({ text, actual, met });
  switch (condition.on) {
    case 'metric': {
      if (!facts.metrics) return report(false, 'no run');
      const value = metricValue(facts.metrics, condition.metric);
      if (value === undefined || !Number.isFinite(value))
        return report(false, condition.metric.startsWith('dev') || condition.metric === 'varianceGap' ? 'no dev set' : 'not measured');
      return report(compare(value, condition.op, condition.value), isFraction(condition.metric) ? percent(value) : value.toPrecision(4));
    }
    case 'count': {
      let value: number;
      if (condition.what === 'hiddenUnits') value = facts.spec.layers.reduce((sum, l) => sum + (l.kind === 'dense' ? l.units : 0), 0);
      else if (condition.what === 'params') value = facts.compiled.layers.reduce((sum, l) => sum + l.params, 0);
      else value = facts.spec.layers.filter((l) => condition.kind === undefined || l.kind === condition.kind).length;
      return report(compare(value, condition.op, condition.value), value.toLocaleString('en'));
    }
    case 'layers': {
      const layers = facts.spec.layers.filter((l) => l.kind === condition.kind);
      if (layers.length === 0) return report(false, `no ${condition.kind} layer`);
      const values = layers.map((l) => layerField(l, condition.param));
      const ok = values.map((v) => v !== undefined && compare(v, condition.op, condition.value));
      const met = condition.quantifier === 'some' ? ok.some(Boolean) : ok.every(Boolean);
      return report(met, values.map((v) => (v === undefined ? '—' : String(v))).join(', '));
    }
    case 'setting': {
      if (!facts.config) return report(false, 'no run');
      const value = settingValue(facts.config, condition.setting);
      if (value === undefined) return report(false, '—');
      return report(compare(value, condition.op, condition.value), String(value));
    }
    case 'shape': {
      const layer = facts.compiled.layers.find((l) => l.id === condition.layer);
      if (!layer) return report(false, 'not in the network');
      return report(layer.outShape.join(',') === condition.equals.join(','), layer.outShape.join('×'));
    }
  }
}

function compiledOrProblem(spec: ModelSpec, dataset: DatasetShape): { compiled: CompileResult } | { problem: string } {
  const compiled = compileSpec(spec, dataset);
  if (!compiled.spec) return { problem: `The network does not compile: ${describeDiagnostics(compiled.diagnostics)}` };
  return { compiled };
}

/** Judges a goal on its evidence; evidence of another kind than the goal's is a problem, never a pass. */
export function checkGoal(goal: Goal, evidence: Evidence): GoalOutcome {
  const fail = (problem: string): GoalOutcome => ({ met: false, reports: [], problem });
  if (goal.kind === 'read') return { met: true, reports: [] };
  if (evidence.kind !== goal.kind)
    return fail(
      `This step needs ${goal.kind === 'run' ? 'a finished training run' : goal.kind === 'gradcheck' ? 'a gradient check' : goal.kind === 'predict' ? 'your predictions' : 'a network that compiles'}.`,
    );
  switch (evidence.kind) {
    case 'compile': {
      const result = compiledOrProblem(evidence.spec, evidence.dataset);
      if ('problem' in result) return fail(result.problem);
      const reports = ((goal as Extract<Goal, { kind: 'compile' }>).conditions ?? []).map((c) =>
        evaluate(c, { spec: evidence.spec, compiled: result.compiled }),
      );
      return { met: reports.every((r) => r.met), reports: [{ text: 'the network compiles', actual: 'yes', met: true }, ...reports] };
    }
    case 'run': {
      const compiled = compileSpec(evidence.run.spec);
      const reports = (goal as Extract<Goal, { kind: 'run' }>).conditions.map((c) =>
        evaluate(c, { spec: evidence.run.spec, compiled, metrics: evidence.metrics, config: evidence.run.config }),
      );
      return { met: reports.every((r) => r.met), reports };
    }
    case 'gradcheck': {
      const { band } = gradCheckBand(evidence.difference);
      const met = band === 'great' || band === 'fine';
      return { met, reports: [{ text: 'relative difference < 1e−5', actual: evidence.difference.toExponential(2), met }] };
    }
    case 'predict': {
      const result = compiledOrProblem(evidence.spec, evidence.dataset);
      if ('problem' in result) return fail(result.problem);
      const targets = (goal as Extract<Goal, { kind: 'predict' }>).targets;
      const marked = targets.map((target) => {
        const answer = evidence.answers.find((a) => a.layer === target.layer && a.quantity === target.quantity);
        return markPrediction(evidence.spec, result.compiled, target, answer?.typed ?? '');
      });
      const reports = marked.map((m) => ({
        text: targetLabel(
          m.target,
          result.compiled.layers.find((l) => l.id === m.target.layer),
        ),
        actual: m.typed === '' ? 'no answer' : m.typed,
        met: m.correct,
      }));
      return { met: marked.every((m) => m.correct), reports, marked };
    }
    default:
      return fail('Nothing to check.');
  }
}

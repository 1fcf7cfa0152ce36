/** A step's goal in words, and the last check's verdict per condition (what was asked, what was found). */
import { describeCondition, type Goal, type GoalOutcome } from '../../../../engine/lessons';
import { Notation } from './Notation';

function goalLines(goal: Goal): string[] {
  switch (goal.kind) {
    case 'read':
      return [];
    case 'compile':
      return ['the network compiles', ...(goal.conditions ?? []).map(describeCondition)];
    case 'run':
      return ['a finished training run with:', ...goal.conditions.map((c) => `  ${describeCondition(c)}`)];
    case 'gradcheck':
      return ['the gradient check’s relative difference < 1e−5'];
    case 'predict':
      return ['every prediction right'];
  }
}

export function GoalView({ goal }: { goal: Goal }) {
  const lines = goalLines(goal);
  if (lines.length === 0) return null;
  return (
    <div className="lesson-goal" data-testid="lesson-goal">
      <strong>Goal</strong>
      <ul>
        {lines.map((line) => (
          <li key={line} className={line.startsWith('  ') ? 'sub' : undefined}>
            <Notation text={line.trim()} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function OutcomeView({ outcome }: { outcome: GoalOutcome }) {
  return (
    <div className={`lesson-outcome ${outcome.met ? 'met' : 'unmet'}`} data-testid="lesson-outcome" data-met={outcome.met} role="status">
      <strong>{outcome.met ? 'Goal met ✓' : 'Not yet'}</strong>
      {outcome.problem && <p>{outcome.problem}</p>}
      {outcome.reports.length > 0 && !outcome.marked && (
        <ul>
          {outcome.reports.map((report) => (
            <li key={report.text} className={report.met ? 'right' : 'wrong'}>
              {report.met ? '✓' : '✗'} <Notation text={report.text} /> — {report.actual}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

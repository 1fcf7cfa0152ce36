/**
 * A multi-task run's tasks (k sigmoid outputs): each task's cost, accuracy, precision and recall
 * on the dev set (train when there is none), counted over the examples that have its label.
 */
import type { FinalMetrics } from '../../../../engine/protocol/messages';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

export function TaskMetrics({ tasks }: { tasks: NonNullable<FinalMetrics['tasks']> }) {
  return (
    <table className="compact" data-testid="task-metrics" data-set={tasks.set}>
      <caption>Tasks ({tasks.set} set; missing labels skipped)</caption>
      <thead>
        <tr>
          <th>task</th>
          <th>labelled</th>
          <th>cost</th>
          <th>accuracy</th>
          <th>precision</th>
          <th>recall</th>
        </tr>
      </thead>
      <tbody>
        {tasks.metrics.map((t, j) => (
          <tr key={j} data-testid={`task-${j}`} data-accuracy={t.accuracy ?? undefined}>
            <th>{t.name}</th>
            <td className="num">{t.labelled.toLocaleString('en')}</td>
            <td className="num">{t.loss === null ? '—' : t.loss.toFixed(3)}</td>
            <td className="num">{pct(t.accuracy)}</td>
            <td className="num">{pct(t.precision)}</td>
            <td className="num">{pct(t.recall)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

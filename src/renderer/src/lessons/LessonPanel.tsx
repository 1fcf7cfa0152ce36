/**
 * The open lesson, floating over the canvas: the step's text, its goal, the Check button (runs
 * are checked by themselves when they finish), hints after failed checks, and Back / Next. When
 * every goal is met, Save results writes the results file and the project that `dendrite verify`
 * takes together.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStore } from 'zustand';
import { useCompile } from '../canvas/compile-context';
import { findDataset } from '../run/datasets';
import { useProject } from '../project/use-project';
import { useServices, useSettings } from '../stores';
import { applyStart } from './apply-start';
import { checkStep } from './check-step';
import { downloadFile } from '../host/browser-files';
import { GoalView, OutcomeView } from './GoalView';
import { closeLesson, emptyProgress, lessonComplete, lessonStore, progressOf, updateProgress, useLesson } from './lesson-store';
import { requestOfRun } from './lesson-runs';
import { Markdown } from './Markdown';
import { fitBesidePanel } from './fit-beside-panel';
import type { AppEdge, AppNode } from '../graph/document';
import { PredictCard } from './PredictCard';
import { lastCheckedSpec, resultsText, sameNetwork } from './results-io';

/** After this many failed checks of a prediction, its formula shows even when the answer is wrong. */
const REVEAL_AFTER = 2;

export function LessonPanel() {
  const services = useServices();
  const flow = useReactFlow<AppNode, AppEdge>();
  const lesson = useLesson((s) => s.lesson);
  const index = useLesson((s) => s.index);
  const collapsed = useLesson((s) => s.collapsed);
  const checking = useLesson((s) => s.checking);
  const message = useLesson((s) => s.message);
  const step = lesson?.steps[index];
  const allProgress = useLesson((s) => s.progress);
  const progress = step ? allProgress[step.id] : undefined;
  const complete = useLesson(lessonComplete);
  const { result } = useCompile();
  const datasetId = useSettings((s) => s.datasetId);
  const project = useProject();
  const runStatus = useStore(services.run, (s) => s.status);
  const runId = useStore(services.run, (s) => s.runId);

  // Opening a step for the first time loads its network and settings.
  useEffect(() => {
    if (!step || lessonStore.getState().progress[step.id]) return;
    if (step.start) {
      applyStart(step.start, services);
      // Once React Flow has measured the new nodes.
      setTimeout(() => fitBesidePanel(flow), 80);
    }
    updateProgress(step.id, emptyProgress());
  }, [step, services, flow]);

  const check = useCallback(() => {
    if (!step) return;
    lessonStore.setState({ checking: true });
    // Let "Checking…" paint: a gradient check takes a moment.
    setTimeout(() => {
      try {
        checkStep(step, { services, compiled: result, dataset: findDataset(datasetId)?.shape });
      } finally {
        lessonStore.setState({ checking: false });
      }
    }, 20);
  }, [step, services, result, datasetId]);

  // A run goal is checked as soon as a run of this step finishes.
  const checkedRun = useRef<string | null>(null);
  useEffect(() => {
    if (step?.goal.kind !== 'run' || !runId || runStatus !== 'finished' || checkedRun.current === runId) return;
    const started = requestOfRun(runId);
    if (!started || started.startedAt < progressOf(lessonStore.getState(), step.id).openedAt) return;
    checkedRun.current = runId;
    check();
  }, [step, runId, runStatus, check]);

  if (!lesson || !step) return null;
  const outcome = progress?.outcome ?? null;
  const met = !!progress?.result?.met;
  const failures = progress?.failures ?? 0;
  const hints = (step.hints ?? []).slice(0, failures);
  const last = index === lesson.steps.length - 1;

  const next = () => {
    if (step.goal.kind === 'read' && !met) checkStep(step, { services, compiled: result, dataset: findDataset(datasetId)?.shape });
    if (!last) lessonStore.setState({ index: index + 1 });
  };

  const saveResults = async () => {
    const state = lessonStore.getState();
    if (!sameNetwork(lastCheckedSpec(state), result.spec)) {
      lessonStore.setState({
        message: { kind: 'error', text: 'The network on the canvas changed since its last check: undo the change, or check the last step again.' },
      });
      return;
    }
    const text = resultsText(state);
    if (!text) return;
    downloadFile(text, `${lesson.id}.results.json`);
    await project.save(true);
    lessonStore.setState({
      message: { kind: 'info', text: `Saved ${lesson.id}.results.json and the project. Hand both in: dendrite verify checks them together.` },
    });
  };

  return (
    <aside className={`lesson-panel${collapsed ? ' collapsed' : ''}`} aria-label="Lesson" data-testid="lesson-panel" data-step={step.id}>
      <header className="lesson-panel__head">
        <div>
          <div className="lesson-panel__lesson">{lesson.title}</div>
          <div className="lesson-panel__count" data-testid="lesson-step-count">
            Step {index + 1} of {lesson.steps.length}
          </div>
        </div>
        <button type="button" aria-label={collapsed ? 'Show the lesson' : 'Fold the lesson'} onClick={() => lessonStore.setState({ collapsed: !collapsed })}>
          {collapsed ? '▴' : '▾'}
        </button>
        <button
          type="button"
          aria-label="Close the lesson"
          onClick={() => {
            if (complete || window.confirm('Close this lesson? Its progress is not kept.')) closeLesson();
          }}
        >
          ×
        </button>
      </header>
      {!collapsed && (
        <div className="lesson-panel__body">
          <ol className="lesson-steps" aria-label="Steps">
            {lesson.steps.map((s, i) => {
              const done = !!allProgress[s.id]?.result?.met;
              return (
                <li key={s.id} className={`${i === index ? 'current' : ''}${done ? ' done' : ''}`} title={s.title}>
                  {done ? '✓' : i + 1}
                </li>
              );
            })}
          </ol>
          <h3>{step.title}</h3>
          <Markdown text={step.text} />
          <GoalView goal={step.goal} />
          {step.goal.kind === 'predict' && (
            <PredictCard
              targets={step.goal.targets}
              compiled={result}
              answers={progress?.answers ?? {}}
              onAnswer={(key, typed) => updateProgress(step.id, { answers: { ...progressOf(lessonStore.getState(), step.id).answers, [key]: typed } })}
              marked={outcome?.marked ?? null}
              revealFormulas={failures >= REVEAL_AFTER}
              disabled={met}
            />
          )}
          {outcome && <OutcomeView outcome={outcome} />}
          {hints.length > 0 && !met && (
            <div className="lesson-hints" data-testid="lesson-hints">
              {hints.map((hint, i) => (
                <div key={i} className="lesson-hint">
                  <strong>Hint{hints.length > 1 ? ` ${i + 1}` : ''}:</strong> <Markdown text={hint} />
                </div>
              ))}
            </div>
          )}
          {message && (
            <p className={`lesson-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
              {message.text}
            </p>
          )}
          <div className="lesson-nav">
            <button type="button" onClick={() => lessonStore.setState({ index: index - 1, message: null })} disabled={index === 0}>
              ← Back
            </button>
            {step.goal.kind !== 'read' && (
              <button type="button" className={met ? undefined : 'primary'} onClick={check} disabled={checking} data-testid="lesson-check">
                {checking ? 'Checking…' : 'Check'}
              </button>
            )}
            {!last && (
              <button
                type="button"
                className={met || step.goal.kind === 'read' ? 'primary' : undefined}
                onClick={next}
                disabled={!met && step.goal.kind !== 'read'}
                data-testid="lesson-next"
              >
                Next →
              </button>
            )}
            {last && step.goal.kind === 'read' && !met && (
              <button type="button" className="primary" onClick={next}>
                Done
              </button>
            )}
          </div>
          {complete && (
            <div className="lesson-complete" data-testid="lesson-complete">
              <p>
                <strong>Lesson complete.</strong> Save your results: a results file and your project, which your teacher checks with{' '}
                <code>dendrite verify</code>.
              </p>
              <button type="button" className="primary" onClick={() => void saveResults()} data-testid="lesson-save-results">
                Save results…
              </button>
            </div>
          )}
        </div>
      )}
    </aside>
  );
}

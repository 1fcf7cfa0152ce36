/**
 * Quiz mode (outside lessons): every shape on the canvas and in the panels is hidden; select a
 * layer and predict its W, b, Z, A and parameter count, then check. Answers are per layer and kept
 * while quiz mode is on.
 */
import { useMemo, useState } from 'react';
import { type Marked, markPrediction, type PredictTarget, QUANTITIES } from '../../../../engine/lessons';
import { useCompile } from '../canvas/compile-context';
import { useGraph } from '../stores';
import { NODE_KINDS } from '../graph/node-kinds';
import { toggleQuiz } from './lesson-store';
import { PredictCard } from './PredictCard';

export function QuizCard() {
  const { result } = useCompile();
  // An id, not the filtered array: a selector must return something stable between renders.
  const selectedId = useGraph((s) => {
    const selected = s.doc.nodes.filter((n) => n.selected);
    return selected.length === 1 ? selected[0].id : null;
  });
  const node = useGraph((s) => (selectedId ? (s.doc.nodes.find((n) => n.id === selectedId) ?? null) : null));
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [marked, setMarked] = useState<Marked[]>([]);
  const layer = node ? result.layers.find((l) => l.id === node.id) : undefined;
  const targets: PredictTarget[] = useMemo(
    () => (layer ? QUANTITIES.filter((q) => q === 'params' || layer.shapes[q] !== undefined).map((quantity) => ({ layer: layer.id, quantity })) : []),
    [layer],
  );

  return (
    <aside className="lesson-panel quiz" aria-label="Quiz" data-testid="quiz-card">
      <header className="lesson-panel__head">
        <div>
          <div className="lesson-panel__lesson">Quiz mode</div>
          <div className="lesson-panel__count">Shapes are hidden until you predict them</div>
        </div>
        <button type="button" aria-label="Leave quiz mode" onClick={toggleQuiz}>
          ×
        </button>
      </header>
      <div className="lesson-panel__body">
        {!node || !layer ? (
          <p className="muted">Select one layer on the canvas to predict its shapes.</p>
        ) : (
          <>
            <h3>
              {NODE_KINDS[node.type!].title}
              {layer.l !== null ? ` · layer ${layer.l}` : ''}
            </h3>
            <PredictCard
              targets={targets}
              compiled={result}
              answers={answers}
              onAnswer={(key, typed) => setAnswers((a) => ({ ...a, [key]: typed }))}
              marked={marked}
              revealFormulas={marked.some((m) => m.target.layer === layer.id)}
            />
            <div className="lesson-nav">
              <button
                type="button"
                className="primary"
                disabled={!result.spec}
                title={result.spec ? undefined : 'The network must compile first.'}
                onClick={() => {
                  if (!result.spec) return;
                  const fresh = targets.map((t) => markPrediction(result.spec!, result, t, answers[`${t.layer}/${t.quantity}`] ?? ''));
                  setMarked((m) => [...m.filter((x) => x.target.layer !== layer.id), ...fresh]);
                }}
              >
                Check
              </button>
            </div>
          </>
        )}
      </div>
    </aside>
  );
}

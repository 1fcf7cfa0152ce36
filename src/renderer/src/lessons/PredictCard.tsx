/**
 * Predict, then check: one box per quantity (W, b, Z, A of a layer, or its parameter count).
 * After a check each answer is marked; a right one shows the course formula with the network's
 * numbers, a wrong one a word on the likely slip (and the formula once the student is stuck).
 */
import type { CompileResult } from '../../../../engine/compile';
import { type Marked, type PredictTarget, targetLabel } from '../../../../engine/lessons';
import { NumberInput } from '../controls/NumberInput';
import { Notation } from './Notation';

const COUNT = { min: 0, max: 1_000_000_000, integer: true };

export interface PredictCardProps {
  targets: PredictTarget[];
  compiled: CompileResult;
  answers: Record<string, string>;
  onAnswer(key: string, typed: string): void;
  marked: Marked[] | null;
  /** Show the formula beside wrong answers too (after repeated failures). */
  revealFormulas: boolean;
  disabled?: boolean;
}

export const answerKey = (target: PredictTarget) => `${target.layer}/${target.quantity}`;

export function PredictCard({ targets, compiled, answers, onAnswer, marked, revealFormulas, disabled }: PredictCardProps) {
  return (
    <div className="predict-card" data-testid="predict-card">
      {targets.map((target) => {
        const key = answerKey(target);
        const info = compiled.layers.find((l) => l.id === target.layer);
        const label = targetLabel(target, info);
        const mark = marked?.find((m) => answerKey(m.target) === key && m.typed === (answers[key] ?? ''));
        return (
          <div key={key} className={`predict-row${mark ? (mark.correct ? ' right' : ' wrong') : ''}`} data-testid={`predict-${key}`}>
            <label>
              <span className="predict-label">
                <Notation text={label} /> =
              </span>
              {target.quantity === 'params' ? (
                <NumberInput
                  value={answers[key] ? Number(answers[key]) : undefined}
                  rule={COUNT}
                  size={9}
                  placeholder="a number"
                  aria-label={`Prediction for ${label}`}
                  disabled={disabled}
                  onCommit={(v) => onAnswer(key, String(v))}
                  onClear={() => onAnswer(key, '')}
                />
              ) : (
                // A shape is text ("(4, m)"), not a number: a controlled text box, never re-keyed.
                <input
                  type="text"
                  value={answers[key] ?? ''}
                  size={14}
                  placeholder="(rows, columns)"
                  aria-label={`Prediction for ${label}`}
                  spellCheck={false}
                  autoComplete="off"
                  disabled={disabled}
                  onChange={(event) => onAnswer(key, event.target.value)}
                />
              )}
              {mark && (
                <span className="predict-mark" aria-label={mark.correct ? 'right' : 'wrong'}>
                  {mark.correct ? '✓' : '✗'}
                </span>
              )}
            </label>
            {mark && !mark.readable && <div className="predict-note">Write a shape as (4, m) or a count as 12.</div>}
            {mark?.advice && <div className="predict-note">{mark.advice}</div>}
            {mark && (mark.correct || revealFormulas) && (
              <div className="predict-formula" data-testid={`formula-${key}`}>
                <Notation text={mark.formula} />
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

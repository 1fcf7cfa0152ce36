/** Typed inspector fields: a stepper for numbers (usable by mouse alone) and segmented choices. */
import { useId, useRef, useState } from 'react';
import { NumberInput } from '../controls/NumberInput';
import type { NumberRule } from '../controls/number-rule';
import type { FieldSpec } from '../graph/node-kinds';

interface FieldProps<T> {
  field: FieldSpec;
  value: T;
  /** `typingSession` identifies one focus of the text box, so typing "128" is one undo step. */
  onChange(value: T, typingSession?: string): void;
}

let sessions = 0;

const decimals = (step: number) => (step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step))));

export function NumberField({ field, value, onChange }: FieldProps<number>) {
  if (field.type === 'choice') throw new Error('NumberField needs a numeric field');
  const id = useId();
  const step = field.type === 'int' ? (field.step ?? 1) : field.step;
  const session = useRef('');
  const [problem, setProblem] = useState<string | null>(null);
  const rule: NumberRule = { min: field.min, max: field.max, integer: field.type === 'int' };

  const round = (v: number) => Number(v.toFixed(decimals(step)));
  const clamp = (v: number) => Math.min(field.max, Math.max(field.min, v));

  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <div className="stepper">
        <button
          type="button"
          aria-label={`Decrease ${field.label}`}
          onClick={() => onChange(round(clamp(value - step)))}
          disabled={value <= field.min}
        >
          −
        </button>
        <NumberInput
          id={id}
          value={value}
          rule={rule}
          onFocus={() => (session.current = `typing-${(sessions += 1)}`)}
          onValidity={setProblem}
          onCommit={(v) => onChange(v, session.current)}
        />
        <button
          type="button"
          aria-label={`Increase ${field.label}`}
          onClick={() => onChange(round(clamp(value + step)))}
          disabled={value >= field.max}
        >
          +
        </button>
      </div>
      {problem && <div className="field__error">{problem}</div>}
      {field.help && <div className="field__help">{field.help}</div>}
    </div>
  );
}

export function ChoiceField({ field, value, onChange }: FieldProps<string>) {
  if (field.type !== 'choice') throw new Error('ChoiceField needs a choice field');
  const id = useId();
  return (
    <div className="field">
      <span id={id} className="field__label">
        {field.label}
      </span>
      <div className="segmented" role="radiogroup" aria-labelledby={id}>
        {field.choices.map((choice) => (
          <button
            key={choice.value}
            type="button"
            role="radio"
            aria-checked={value === choice.value}
            className={value === choice.value ? 'on' : undefined}
            onClick={() => onChange(choice.value)}
          >
            {choice.label}
          </button>
        ))}
      </div>
      {field.help && <div className="field__help">{field.help}</div>}
    </div>
  );
}

/** Typed inspector fields: a stepper for numbers (usable by mouse alone) and segmented choices. */
import { useEffect, useId, useRef, useState } from 'react';
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
  const [text, setText] = useState(String(value));
  const session = useRef('');
  useEffect(() => setText(String(value)), [value]);

  const round = (v: number) => Number(v.toFixed(decimals(step)));
  const clamp = (v: number) => Math.min(field.max, Math.max(field.min, v));
  const parsed = Number(text);
  const valid =
    text.trim() !== '' && Number.isFinite(parsed) && (field.type !== 'int' || Number.isInteger(parsed)) &&
    parsed >= field.min && parsed <= field.max;

  const commitText = (next: string) => {
    setText(next);
    const n = Number(next);
    if (next.trim() !== '' && Number.isFinite(n) && (field.type !== 'int' || Number.isInteger(n)) && n >= field.min && n <= field.max) {
      onChange(n, session.current);
    }
  };

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
        <input
          id={id}
          inputMode={field.type === 'int' ? 'numeric' : 'decimal'}
          value={text}
          aria-invalid={!valid}
          onFocus={() => (session.current = `typing-${(sessions += 1)}`)}
          onChange={(event) => commitText(event.target.value)}
          onBlur={() => setText(String(value))}
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
      {!valid && (
        <div className="field__error">
          {field.type === 'int' ? 'A whole number' : 'A number'} from {field.min} to {field.max}.
        </div>
      )}
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

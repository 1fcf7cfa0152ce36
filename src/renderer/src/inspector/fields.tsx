/** Typed inspector fields: a stepper for numbers (usable by mouse alone), segmented choices and switches. */
import { useId, useRef, useState } from 'react';
import type { ChoiceInfo, NumberInfo, ToggleInfo } from '../../../../engine/spec';
import { NumberInput } from '../controls/NumberInput';
import { lowestOf, ruleOf } from './field-rule';

export interface FieldProps<F, T> {
  field: F;
  value: T;
  /** `typingSession` identifies one focus of the text box, so typing "128" is one undo step. */
  onChange(value: T, typingSession?: string): void;
}

let sessions = 0;

const decimals = (step: number) => (step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step))));

export function NumberField({ field, value, onChange }: FieldProps<NumberInfo, number>) {
  const id = useId();
  const { step } = field;
  const lowest = lowestOf(field);
  const session = useRef('');
  const [problem, setProblem] = useState<string | null>(null);

  const round = (v: number) => Number(v.toFixed(decimals(step)));
  const clamp = (v: number) => Math.min(field.max, Math.max(lowest, v));

  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <div className="stepper">
        <button type="button" aria-label={`Decrease ${field.label}`} onClick={() => onChange(round(clamp(value - step)))} disabled={value <= lowest}>
          −
        </button>
        <NumberInput
          id={id}
          value={value}
          rule={ruleOf(field)}
          onFocus={() => (session.current = `typing-${(sessions += 1)}`)}
          onValidity={setProblem}
          onCommit={(v) => onChange(v, session.current)}
        />
        <button type="button" aria-label={`Increase ${field.label}`} onClick={() => onChange(round(clamp(value + step)))} disabled={value >= field.max}>
          +
        </button>
      </div>
      {problem && <div className="field__error">{problem}</div>}
      {field.help && <div className="field__help">{field.help}</div>}
    </div>
  );
}

export function ChoiceField({ field, value, onChange }: FieldProps<ChoiceInfo, string>) {
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

export function ToggleField({ field, value, onChange }: FieldProps<ToggleInfo, boolean>) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__toggle" htmlFor={id}>
        <input id={id} type="checkbox" checked={value} onChange={(event) => onChange(event.target.checked)} /> {field.label}
      </label>
      {field.help && <div className="field__help">{field.help}</div>}
    </div>
  );
}

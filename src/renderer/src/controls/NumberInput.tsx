/**
 * A number the user types key by key. Every text and number field in the app is one of these.
 *
 * The text box owns what is being typed (the draft) and commits each keystroke that makes a valid
 * number. The committed value flows back as a prop, and it never replaces a draft that still means
 * that number, so "0.0" stays "0.0" on its way to "0.0075". The element is never re-keyed on its
 * value either: that remounted it after the first valid key, dropped focus and lost the rest of
 * what was typed ("2500" became 2). On blur the box shows the committed value again.
 */
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { parseNumberText, type NumberRule, type ParsedNumber } from './number-rule';

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onChange' | 'type' | 'min' | 'max'>;

export interface NumberInputProps extends NativeProps {
  /** The committed value; `undefined` shows an empty box. */
  value: number | undefined;
  rule: NumberRule;
  /** Called on every keystroke that leaves a valid number different from `value`. */
  onCommit(value: number): void;
  /** Given, an empty box is valid and calls this (the field then means "default" or "all"). */
  onClear?(): void;
  /** Told whenever the box turns invalid (with the reason) or valid again (null). */
  onValidity?(reason: string | null): void;
}

const format = (value: number | undefined) => (value === undefined ? '' : String(value));
const means = (parsed: ParsedNumber, value: number | undefined) => parsed.ok && ('empty' in parsed ? value === undefined : parsed.value === value);

export function NumberInput({ value, rule, onCommit, onClear, onValidity, onBlur, inputMode, title, ...rest }: NumberInputProps) {
  const [draft, setDraft] = useState(() => format(value));
  const allowEmpty = onClear !== undefined;
  const latest = useRef({ rule, allowEmpty });
  latest.current = { rule, allowEmpty };

  // A value set from elsewhere (undo, a template, a loaded project) replaces the draft, unless the
  // draft already means that number. The draft is deliberately not a dependency: typing must never
  // be overwritten by its own commit.
  useEffect(() => {
    if (!means(parseNumberText(draft, latest.current.rule, latest.current.allowEmpty), value)) setDraft(format(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft is left out on purpose (above)
  }, [value]);

  const parsed = parseNumberText(draft, rule, allowEmpty);
  const reason = parsed.ok ? null : parsed.reason;
  const report = useRef(onValidity);
  report.current = onValidity;
  useEffect(() => report.current?.(reason), [reason]);
  return (
    <input
      {...rest}
      inputMode={inputMode ?? (rule.integer ? 'numeric' : 'decimal')}
      value={draft}
      aria-invalid={!parsed.ok}
      title={parsed.ok ? title : parsed.reason}
      onChange={(event) => {
        const text = event.target.value;
        setDraft(text);
        const next = parseNumberText(text, rule, allowEmpty);
        if (!next.ok || means(next, value)) return;
        if ('empty' in next) onClear?.();
        else onCommit(next.value);
      }}
      onBlur={(event) => {
        setDraft(format(value));
        onBlur?.(event);
      }}
    />
  );
}

/** What a typed number must be: its range and whether it is whole. */
export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  /** The minimum itself is refused (keep_prob > 0). */
  exclusiveMin?: boolean;
}

/** `empty`: the box is blank and blank is allowed (the field means "default" or "all" then). */
export type ParsedNumber = { ok: true; value: number } | { ok: true; empty: true } | { ok: false; reason: string };

export function describeRule(rule: NumberRule): string {
  const from = rule.exclusiveMin ? `above ${rule.min.toLocaleString('en')}, up` : `from ${rule.min.toLocaleString('en')}`;
  return `${rule.integer ? 'A whole number' : 'A number'} ${from} to ${rule.max.toLocaleString('en')}.`;
}

export function parseNumberText(text: string, rule: NumberRule, allowEmpty = false): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '') return allowEmpty ? { ok: true, empty: true } : { ok: false, reason: describeRule(rule) };
  const value = Number(trimmed);
  const fits =
    Number.isFinite(value) && (!rule.integer || Number.isInteger(value)) && (rule.exclusiveMin ? value > rule.min : value >= rule.min) && value <= rule.max;
  return fits ? { ok: true, value } : { ok: false, reason: describeRule(rule) };
}

/** A percentage typed as 0–100 (stored as a fraction by the caller). */
export const PERCENT: NumberRule = { min: 0, max: 100 };

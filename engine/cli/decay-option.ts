/**
 * --decay: the course's learning-rate schedules on the command line, written as the schedule's
 * name and its number — inverse:1 (α₀/(1 + 1·epoch)), exponential:0.95 (0.95^epoch·α₀),
 * sqrt:1 (1/√epoch·α₀), staircase:0.5/10 (halve every 10 epochs), none. The ranges are the
 * protocol's (decaySchema), so the CLI and the app accept the same schedules.
 */
import { decaySchema } from '../protocol/schema';
import type { DecayConfig } from '../protocol/train-config';
import { formatZodError } from '../spec/zod-format';
import { quote } from '../text';
import { UsageError } from './args';

export const DECAY_USAGE = 'inverse:R, exponential:B, sqrt:K, staircase:F/N or none';

export function parseDecay(raw: string): DecayConfig {
  const [kind = '', value = '', ...rest] = raw.split(':');
  const bad = (why: string) => new UsageError(`--decay ${quote(raw)}: ${why} (expected ${DECAY_USAGE})`);
  if (rest.length > 0) throw bad('one ":" between the schedule and its number');
  let candidate: unknown;
  if (kind === 'none') candidate = value === '' ? { kind } : null;
  else if (kind === 'inverse') candidate = { kind, decayRate: numberOf(value) };
  else if (kind === 'exponential') candidate = { kind, base: numberOf(value) };
  else if (kind === 'sqrt') candidate = { kind, k: numberOf(value) };
  else if (kind === 'staircase') {
    const [factor = '', interval = ''] = value.split('/');
    candidate = { kind, factor: numberOf(factor), interval: numberOf(interval) };
  } else throw bad(`unknown schedule ${quote(kind)}`);
  const parsed = decaySchema.safeParse(candidate);
  if (!parsed.success) throw bad(candidate === null ? '"none" takes no number' : formatZodError(parsed.error));
  return parsed.data;
}

/** '' and words are not numbers (Number('') is 0). */
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

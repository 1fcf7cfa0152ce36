/** `--key value` / `--key=value` options after a command; unknown options are errors. */
export class UsageError extends Error {}

export interface ParsedArgs {
  command: string;
  options: Map<string, string>;
  flags: Set<string>;
  /** Arguments that are not options, for commands that take them (verify's two files). */
  positional: string[];
}

export function parseArgs(argv: string[], known: Record<string, { options: string[]; flags?: string[]; positional?: number }>): ParsedArgs {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') throw new UsageError('usage');
  const spec = known[command];
  if (!spec) throw new UsageError(`unknown command "${command}" (expected ${Object.keys(known).join(', ')})`);
  const options = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      if (positional.length >= (spec.positional ?? 0)) throw new UsageError(`unexpected argument "${arg}"`);
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const key = arg.slice(2, eq === -1 ? undefined : eq);
    if (spec.flags?.includes(key)) {
      flags.add(key);
      continue;
    }
    if (!spec.options.includes(key)) throw new UsageError(`unknown option --${key} for ${command}`);
    const value = eq === -1 ? rest[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw new UsageError(`--${key} needs a value`);
    options.set(key, value);
  }
  return { command, options, flags, positional };
}

export function intOption(options: Map<string, string>, key: string, min: number, max: number): number | undefined {
  const raw = options.get(key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${key}: expected an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

export function numberOption(options: Map<string, string>, key: string, min: number, max: number): number | undefined {
  const raw = options.get(key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new UsageError(`--${key}: expected a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/**
 * Messages stay one short line whatever the input: values from a file are quoted shortened
 * (a 50 MB `kind` string or CSV cell is not echoed back), and a whole message is flattened
 * and capped at the boundaries (CLI stderr, the app's banner).
 */

/** Quoted values longer than this are cut, with the total length said. */
export const MAX_QUOTED_CHARS = 40;
/** A whole error message, at most. */
export const MAX_MESSAGE_CHARS = 300;

/** A name from the input, cut to `max` characters (with …), unquoted. */
export function clip(value: string, max = MAX_QUOTED_CHARS): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** JSON-quotes a value from the input, shortened: `"xxxxxxxx…" (52,428,800 characters)`. */
export function quote(value: string, max = MAX_QUOTED_CHARS): string {
  if (value.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, max))}… (${value.length.toLocaleString('en')} characters)`.replace(/"…/, '…"');
}

/** One line (whitespace runs, newlines included, become one space), at most `max` characters. */
export function oneLine(text: string, max = MAX_MESSAGE_CHARS): string {
  const flat = (text.length > max * 4 ? text.slice(0, max * 4) : text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * The position of a JSON syntax error, never the text around it: V8's message quotes the
 * file (`Unexpected token 'r', "root:x:0:0"... is not valid JSON`), which must not leak.
 */
export function jsonSyntaxProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message)?.[1];
  if (/Unexpected end of JSON input/i.test(message)) return 'it ends before the JSON does';
  if (/Maximum call stack/i.test(message)) return 'it is nested too deeply';
  return position ? `syntax error at character ${Number(position) + 1}` : 'syntax error';
}

/**
 * Bytes → text for CSV and JSON files, the same in the app and the CLI: UTF-8 (a BOM is
 * dropped), or UTF-16 when a byte-order mark says so (Excel's "Unicode text"). Text that
 * still holds NUL characters is not text we can read — a UTF-16 file without a BOM, or a
 * binary file — and is refused in one line instead of becoming garbage columns.
 */
import { DataReadError } from './errors';

export function decodeText(bytes: Uint8Array, file: string): string {
  let text: string;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else text = new TextDecoder('utf-8').decode(bytes);
  checkText(text, file);
  return text.replace(/^\uFEFF/, '');
}

/** Refuses decoded text that holds NUL characters (UTF-16 without a BOM, or binary data). */
export function checkText(text: string, file: string): void {
  const nul = text.indexOf('\u0000');
  if (nul < 0) return;
  const utf16 = nul <= 1 || text.charCodeAt(nul + 2) === 0;
  throw new DataReadError(
    file,
    utf16
      ? 'looks like UTF-16 text without a byte-order mark; save it as UTF-8 (CSV UTF-8 in Excel)'
      : `is not text: it holds a NUL byte at character ${nul + 1} (a binary file?)`,
  );
}

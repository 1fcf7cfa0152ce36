/**
 * The course's notation in plain text, typeset: W[l] and a[l+2] get their layer index as a
 * superscript, n_H and n_C_prev their subscripts, e^z its exponent. Pure (text → segments), so
 * lesson text and goal descriptions read like the course's slides.
 */
export interface Segment {
  kind: 'text' | 'sup' | 'sub';
  text: string;
}

/** Symbols that take a layer index: W[1], dZ[L], a[l+2], n[l−1], ŷ … */
const INDEXED = /(d?[WbZAXYz]|[anxyg]|ŷ)\[([0-9lLmi+\-−\s]{1,7})\]/g;
/** n_H, n_C_prev, y_k, Z_norm, b_a … (one letter, then a subscript word, optionally _prev). */
const SUBSCRIPT = /\b([A-Za-zŷ])_([A-Za-z0-9]+(?:_prev)?)/g;
/** e^Z, e^z[L] (the exponent runs to the next space or closing parenthesis). */
const EXPONENT = /\^([^\s),]+)/g;

export function typeset(text: string): Segment[] {
  const out: Segment[] = [];
  const push = (kind: Segment['kind'], value: string) => {
    if (!value) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += value;
    else out.push({ kind, text: value });
  };
  // One pass over the three patterns, earliest match first.
  const patterns = [INDEXED, SUBSCRIPT, EXPONENT];
  let at = 0;
  while (at < text.length) {
    let best: { index: number; match: RegExpExecArray; which: number } | null = null;
    patterns.forEach((pattern, which) => {
      pattern.lastIndex = at;
      const match = pattern.exec(text);
      if (match && (!best || match.index < best.index)) best = { index: match.index, match, which };
    });
    if (!best) break;
    const { index, match, which } = best as { index: number; match: RegExpExecArray; which: number };
    push('text', text.slice(at, index));
    if (which === 0) {
      push('text', match[1]);
      push('sup', `[${match[2]}]`);
    } else if (which === 1) {
      push('text', match[1]);
      push('sub', match[2]);
    } else {
      push('sup', match[1]);
    }
    at = index + match[0].length;
  }
  push('text', text.slice(at));
  return out;
}

/**
 * The Markdown of lesson text, parsed into blocks of inline runs: paragraphs (lines joined by
 * breaks), "- " lists, "### " headings; **bold**, *italic* and `code`. There is no HTML token:
 * whatever a lesson file holds is text (Markdown.tsx renders these as React elements).
 */
export interface Inline {
  kind: 'text' | 'strong' | 'em' | 'code' | 'break';
  text: string;
}

export type Block = { kind: 'paragraph' | 'heading'; inlines: Inline[] } | { kind: 'list'; items: Inline[][] };

const INLINE = /(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|`[^`]+`)/g;

export function parseInline(text: string): Inline[] {
  return text
    .split(INLINE)
    .filter((part) => part !== '')
    .map((part): Inline => {
      if (part.startsWith('**') && part.endsWith('**') && part.length > 4) return { kind: 'strong', text: part.slice(2, -2) };
      if (part.startsWith('`') && part.endsWith('`') && part.length > 2) return { kind: 'code', text: part.slice(1, -1) };
      if (part.startsWith('*') && part.endsWith('*') && part.length > 2) return { kind: 'em', text: part.slice(1, -1) };
      return { kind: 'text', text: part };
    });
}

export function parseMarkdown(text: string): Block[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .filter((block) => block.trim() !== '')
    .map((block): Block => {
      const lines = block.split('\n');
      if (lines.every((line) => /^\s*[-*] /.test(line))) return { kind: 'list', items: lines.map((line) => parseInline(line.replace(/^\s*[-*] /, ''))) };
      const heading = /^#{1,4} (.*)$/.exec(block);
      if (heading && lines.length === 1) return { kind: 'heading', inlines: parseInline(heading[1]) };
      return {
        kind: 'paragraph',
        inlines: lines.flatMap((line, i) => (i === 0 ? parseInline(line) : [{ kind: 'break' as const, text: '' }, ...parseInline(line)])),
      };
    });
}

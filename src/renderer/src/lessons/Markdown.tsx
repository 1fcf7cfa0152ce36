/**
 * The Markdown of lesson text: paragraphs, "- " lists, "### " headings, **bold**, *italic* and
 * `code`, with the course's notation typeset outside code. React elements only — never HTML
 * from the file — so a lesson from anywhere cannot inject markup or script.
 */
import type { ReactNode } from 'react';
import { Notation } from './Notation';

const INLINE = /(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|`[^`]+`)/g;

function inline(text: string, key: string): ReactNode[] {
  return text.split(INLINE).map((part, i) => {
    const k = `${key}-${i}`;
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) return <strong key={k}><Notation text={part.slice(2, -2)} /></strong>;
    if (part.startsWith('`') && part.endsWith('`') && part.length > 2) return <code key={k}>{part.slice(1, -1)}</code>;
    if (part.startsWith('*') && part.endsWith('*') && part.length > 2) return <em key={k}><Notation text={part.slice(1, -1)} /></em>;
    return <Notation key={k} text={part} />;
  });
}

export function Markdown({ text }: { text: string }) {
  const blocks = text.replace(/\r\n/g, '\n').split(/\n{2,}/);
  return (
    <div className="lesson-markdown">
      {blocks.map((block, b) => {
        const lines = block.split('\n');
        if (lines.every((line) => /^\s*[-*] /.test(line))) {
          return <ul key={b}>{lines.map((line, i) => <li key={i}>{inline(line.replace(/^\s*[-*] /, ''), `${b}-${i}`)}</li>)}</ul>;
        }
        const heading = /^(#{1,4}) (.*)$/.exec(block);
        if (heading && lines.length === 1) return <h4 key={b}>{inline(heading[2], `${b}`)}</h4>;
        return <p key={b}>{lines.flatMap((line, i) => (i === 0 ? inline(line, `${b}-${i}`) : [<br key={`br-${i}`} />, ...inline(line, `${b}-${i}`)]))}</p>;
      })}
    </div>
  );
}

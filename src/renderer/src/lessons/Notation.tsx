/** Text in the course's notation, typeset (see notation.ts). */
import { typeset } from './notation';

export function Notation({ text }: { text: string }) {
  return (
    <>
      {typeset(text).map((segment, i) =>
        segment.kind === 'sup' ? <sup key={i}>{segment.text}</sup> : segment.kind === 'sub' ? <sub key={i}>{segment.text}</sub> : segment.text,
      )}
    </>
  );
}

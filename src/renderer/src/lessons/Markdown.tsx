/** Lesson text: parsed by markdown.ts, rendered as React elements with the course's notation typeset outside code. */
import { parseMarkdown, type Inline } from './markdown';
import { Notation } from './Notation';

function Inlines({ inlines }: { inlines: Inline[] }) {
  return (
    <>
      {inlines.map((inline, i) => {
        switch (inline.kind) {
          case 'strong':
            return (
              <strong key={i}>
                <Notation text={inline.text} />
              </strong>
            );
          case 'em':
            return (
              <em key={i}>
                <Notation text={inline.text} />
              </em>
            );
          case 'code':
            return <code key={i}>{inline.text}</code>;
          case 'break':
            return <br key={i} />;
          default:
            return <Notation key={i} text={inline.text} />;
        }
      })}
    </>
  );
}

export function Markdown({ text }: { text: string }) {
  return (
    <div className="lesson-markdown">
      {parseMarkdown(text).map((block, b) =>
        block.kind === 'list' ? (
          <ul key={b}>
            {block.items.map((item, i) => (
              <li key={i}>
                <Inlines inlines={item} />
              </li>
            ))}
          </ul>
        ) : block.kind === 'heading' ? (
          <h4 key={b}>
            <Inlines inlines={block.inlines} />
          </h4>
        ) : (
          <p key={b}>
            <Inlines inlines={block.inlines} />
          </p>
        ),
      )}
    </div>
  );
}

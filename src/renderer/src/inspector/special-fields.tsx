/** Inspector fields whose value is not a single number or choice: the input shape and the initialiser. */
import { type CompoundInfo, type InitSpec, RANDOM_INIT_SCALE } from '../../../../engine/spec';
import { ChoiceField, NumberField } from './fields';

const EXAMPLE_KINDS = [
  { value: 'features', label: 'feature vectors' },
  { value: 'image', label: 'images' },
];

export function InputShapeField({ field, shape, onChange }: { field: CompoundInfo; shape: number[]; onChange(shape: number[]): void }) {
  const { features, height, width, channels } = field.parts;
  const isImage = shape.length === 3;
  return (
    <>
      <ChoiceField
        field={{ type: 'choice', label: 'Examples are', choices: EXAMPLE_KINDS, help: field.help }}
        value={isImage ? 'image' : 'features'}
        onChange={(mode) => onChange(mode === 'image' ? [28, 28, 1] : [shape.reduce((a, b) => a * b, 1)])}
      />
      {isImage ? (
        <>
          <NumberField field={height!} value={shape[0]!} onChange={(v) => onChange([v, shape[1]!, shape[2]!])} />
          <NumberField field={width!} value={shape[1]!} onChange={(v) => onChange([shape[0]!, v, shape[2]!])} />
          <NumberField field={channels!} value={shape[2]!} onChange={(v) => onChange([shape[0]!, shape[1]!, v])} />
        </>
      ) : (
        <NumberField field={features!} value={shape[0] ?? 1} onChange={(v) => onChange([v])} />
      )}
    </>
  );
}

/** No initialiser in the spec means automatic; the engine picks He or Xavier (engine/init). */
export function InitField({ field, init, onChange }: { field: CompoundInfo; init: InitSpec | undefined; onChange(init: InitSpec | undefined): void }) {
  return (
    <>
      <ChoiceField
        field={{
          type: 'choice',
          label: field.label,
          choices: [{ value: 'auto', label: 'auto' }, ...(field.choices ?? [])],
          help: init?.kind === 'zeros' ? 'Zeros keeps every hidden unit identical (symmetry is never broken).' : field.help,
        }}
        value={init?.kind ?? 'auto'}
        onChange={(kind) => onChange(kind === 'auto' ? undefined : kind === 'random' ? { kind, scale: RANDOM_INIT_SCALE } : { kind: kind as InitSpec['kind'] })}
      />
      {init?.kind === 'random' && (
        <NumberField field={field.parts.scale!} value={init.scale ?? RANDOM_INIT_SCALE} onChange={(scale) => onChange({ kind: 'random', scale })} />
      )}
    </>
  );
}

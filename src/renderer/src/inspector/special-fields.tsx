/** Inspector fields whose value is not a single number or choice: the input shape and the initialiser. */
import type { InitSpec } from '../../../../engine/spec/types';
import type { FieldSpec } from '../graph/node-kinds';
import { ChoiceField, NumberField } from './fields';

const sizeField = (param: string, label: string, max: number): FieldSpec => ({ param, label, type: 'int', min: 1, max });

export function InputShapeField({ shape, onChange }: { shape: number[]; onChange(shape: number[]): void }) {
  const isImage = shape.length === 3;
  return (
    <>
      <ChoiceField
        field={{
          param: 'mode',
          label: 'Examples are',
          type: 'choice',
          choices: [
            { value: 'features', label: 'feature vectors' },
            { value: 'image', label: 'images' },
          ],
          help: 'The chosen dataset sets this; change it to plan a network before you have data.',
        }}
        value={isImage ? 'image' : 'features'}
        onChange={(mode) => onChange(mode === 'image' ? [28, 28, 1] : [shape.reduce((a, b) => a * b, 1)])}
      />
      {isImage ? (
        <>
          <NumberField field={sizeField('h', 'Height n_H', 4096)} value={shape[0]!} onChange={(v) => onChange([v, shape[1]!, shape[2]!])} />
          <NumberField field={sizeField('w', 'Width n_W', 4096)} value={shape[1]!} onChange={(v) => onChange([shape[0]!, v, shape[2]!])} />
          <NumberField field={sizeField('c', 'Channels n_C', 64)} value={shape[2]!} onChange={(v) => onChange([shape[0]!, shape[1]!, v])} />
        </>
      ) : (
        <NumberField field={sizeField('n', 'Features n[0]', 1_000_000)} value={shape[0] ?? 1} onChange={(v) => onChange([v])} />
      )}
    </>
  );
}

const INIT_CHOICES = [
  { value: 'auto', label: 'auto' },
  { value: 'he', label: 'He √(2/n[l−1])' },
  { value: 'xavier', label: 'Xavier √(1/n[l−1])' },
  { value: 'random', label: 'random × scale' },
  { value: 'zeros', label: 'zeros' },
] as const;

export function InitField({ init, onChange }: { init: InitSpec | undefined; onChange(init: InitSpec | undefined): void }) {
  return (
    <>
      <ChoiceField
        field={{
          param: 'init',
          label: 'Initialisation',
          type: 'choice',
          choices: INIT_CHOICES,
          help: init?.kind === 'zeros'
            ? 'Zeros keeps every hidden unit identical (symmetry is never broken).'
            : 'auto: He for ReLU, Xavier otherwise.',
        }}
        value={init?.kind ?? 'auto'}
        onChange={(kind) => onChange(kind === 'auto' ? undefined : kind === 'random' ? { kind, scale: 0.01 } : { kind: kind as InitSpec['kind'] })}
      />
      {init?.kind === 'random' && (
        <NumberField
          field={{ param: 'scale', label: 'Scale', type: 'number', min: 0, max: 100, step: 0.01 }}
          value={init.scale ?? 0.01}
          onChange={(scale) => onChange({ kind: 'random', scale })}
        />
      )}
    </>
  );
}

/** The inspector's control for one of a kind's fields, chosen by the field's type in the kind's schema. */
import type { InitSpec } from '../../../../engine/spec/vocabulary';
import type { FieldSpec } from '../graph/node-kinds';
import { ChoiceField, NumberField, ToggleField, type FieldProps } from './fields';
import { InitField, InputShapeField } from './special-fields';

export function FieldEditor({ field, value, onChange }: FieldProps<FieldSpec, unknown>) {
  switch (field.type) {
    case 'int':
    case 'number':
      return <NumberField field={field} value={Number(value ?? field.min)} onChange={onChange} />;
    case 'choice':
      return <ChoiceField field={field} value={String(value ?? '')} onChange={onChange} />;
    case 'shape':
      return <InputShapeField field={field} shape={Array.isArray(value) ? (value as number[]) : [1]} onChange={onChange} />;
    case 'init':
      return <InitField field={field} init={value as InitSpec | undefined} onChange={onChange} />;
    case 'toggle':
      return <ToggleField field={field} value={value === true} onChange={onChange} />;
  }
}

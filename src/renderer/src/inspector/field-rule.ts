/** A number field's typing rule and stepper bounds, from the range its kind's schema declares. */
import type { NumberInfo } from '../../../../engine/spec';
import type { NumberRule } from '../controls/number-rule';

export const ruleOf = (field: NumberInfo): NumberRule => ({ min: field.min, max: field.max, integer: field.type === 'int', exclusiveMin: field.exclusiveMin });

/** The lowest value the stepper reaches: the minimum, or one step above a minimum that is excluded. */
export const lowestOf = (field: NumberInfo): number => (field.exclusiveMin ? field.min + field.step : field.min);

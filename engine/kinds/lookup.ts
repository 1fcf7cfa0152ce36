/** Finding a kind's descriptor by its string, for code that holds a kind it has not checked yet. */
import type { LayerKind } from '../spec/types';
import { KINDS } from './index';
import type { KindDescriptor } from './kind';

/** Every kind's name, in the table's order (the enum that spec, lesson and project files accept). */
export const LAYER_KINDS = Object.keys(KINDS) as readonly LayerKind[];

/** Every kind's descriptor, in the table's order. */
export const allKinds = (): KindDescriptor[] => Object.values(KINDS);

/** The descriptor of a kind string, or undefined for a kind Dendrite does not know. */
export function kindOf(kind: string): KindDescriptor | undefined {
  return Object.hasOwn(KINDS, kind) ? KINDS[kind as LayerKind] : undefined;
}

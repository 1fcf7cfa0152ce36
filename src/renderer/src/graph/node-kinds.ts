/**
 * The canvas's view of the layer kinds (engine/kinds): what the palette, the nodes and the
 * inspector need of each, read from the one table. Nothing about a kind is written here.
 */
import { allKinds, CATEGORIES, type Category, type KindDescriptor } from '../../../../engine/compile';
import { defaultsOf, type Field, fieldsOf, type LayerKind } from '../../../../engine/spec';

export { CATEGORIES };
/** An inspector field: a param with its label, help and range. */
export type FieldSpec = Field;

export interface NodeKindInfo {
  kind: LayerKind;
  title: string;
  category: Category;
  description: string;
  /** The params a new node starts with. */
  defaults: Record<string, unknown>;
  /** Target handles: one 'in', or two ('a', 'b') for add; none for input. */
  inputs: readonly string[];
  hasOutput: boolean;
  /** The fields the inspector shows, in order (spec-file-only fields left out). */
  fields: readonly FieldSpec[];
  /** The node's one-line summary of its params, absent ones at their defaults. */
  summarise(params: Record<string, unknown>): string;
}

function nodeKind(descriptor: KindDescriptor): NodeKindInfo {
  const filled = defaultsOf(descriptor.params);
  return {
    kind: descriptor.kind as LayerKind,
    title: descriptor.title,
    category: descriptor.category,
    description: descriptor.description,
    defaults: descriptor.defaults,
    inputs: descriptor.inputs,
    hasOutput: descriptor.hasOutput !== false,
    fields: fieldsOf(descriptor.params).filter((field) => !field.advanced),
    summarise: (params) => descriptor.summary({ ...filled, ...params }),
  };
}

/** Every kind, in the table's order (the palette's order within a category). */
export const NODE_KINDS = Object.fromEntries(allKinds().map((descriptor) => [descriptor.kind, nodeKind(descriptor)])) as Record<LayerKind, NodeKindInfo>;

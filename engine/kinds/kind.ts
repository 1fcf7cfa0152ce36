/**
 * A layer kind: everything the spec schema, the compiler, the engine, the canvas and the CLI
 * know about it, in one descriptor. Each file in this folder defines one; ./index.ts lists them,
 * and everything else loops over that table.
 */
import type { z } from 'zod';
import type { Diagnostic } from '../compile/types';
import type { Layer, LayerContext } from '../layers/types';
import type { ShapeResult, ShapeRule } from './shape-rule';

/** The palette's groups, in the order the course introduces them. */
export const CATEGORIES = ['Data', 'Layers', 'Structure', 'Regularisation', 'Activations', 'Output'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The named fields of an object type (zod types a kind without params as an index signature). */
type Named<T> = { [F in keyof T as string extends F ? never : F]: T[F] };
/** A layer of this kind as a spec file holds it: fields that have defaults may be absent. */
export type SpecLayer<K extends string, P extends z.ZodObject> = { id: string; kind: K; inputs: string[] } & Named<z.input<P>>;
/** The same layer read through its schema: every default filled in. */
export type ResolvedLayer<K extends string, P extends z.ZodObject> = { id: string; kind: K } & Named<z.output<P>>;
/** Params as a canvas node holds them while they are edited: any of them may be missing or wrong. */
export type DraftParams<P extends z.ZodObject> = { readonly [F in keyof z.output<P>]?: unknown };

export interface KindDescriptor<K extends string = string, P extends z.ZodObject = z.ZodObject> {
  /** The kind string: the same in specs, on the canvas and in the engine. */
  kind: K;
  /** The palette's and the inspector's title. */
  title: string;
  category: Category;
  /** One line in the course's notation: the palette's tooltip and the inspector's subtitle. */
  description: string;
  /** Each param's type, range, label and help (spec/fields.ts); `.default()` fills in an absent one. */
  params: P;
  /** What a new node on the canvas starts with. */
  defaults: z.input<P>;
  /** Input handles: none for the input layer, 'in', 'a' and 'b' for add, 'a' to 'd' for concatenate. */
  inputs: readonly string[];
  /** Fewer handles than `inputs` may be wired (concatenate: 2 of its 4); by default every one must be. */
  minInputs?: number;
  /** False for the output layer: nothing reads ŷ. */
  hasOutput?: boolean;
  /** It has weights W[l], so it gets a course layer index l (the input is layer 0). */
  numbered?: boolean;
  /** Rules between fields, checked once every field is valid on its own. */
  check?(layer: ResolvedLayer<K, P>): Diagnostic[];
  shape(layer: ResolvedLayer<K, P>, rule: ShapeRule): ShapeResult;
  /** One line saying what the params are, in the course's words: on the canvas node and in `dendrite inspect`. */
  summary(params: DraftParams<P>): string;
  /** The layer itself: buffers planned once, forward and backward side by side. */
  create(spec: ResolvedLayer<K, P> & { inputs: string[] }, inputShapes: number[][], ctx: LayerContext): Layer;
  /** For a kind with parameters but no W and b (batch norm): the shapes the CLI's W and b columns show, and their symbols. */
  weightColumns?: { W: [shape: string, symbol: string]; b: [shape: string, symbol: string] };
}

/** A param in a summary: '?' while it is missing. */
export const show = (value: unknown): string => (value === undefined || value === null ? '?' : String(value));

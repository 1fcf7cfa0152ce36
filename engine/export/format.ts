/**
 * The exported model file (`*.model.json`), version 1. Documented in docs/model-format.md.
 * Parameters are base64 of little-endian float32, so a float32 model round-trips exactly.
 */
import { z } from 'zod';
import type { FinalMetrics } from '../protocol/messages';
import type { ModelSpec } from '../spec/types';
import type { TrainConfig } from '../protocol/train-config';
import { intIn } from '../kinds/spec-schema';
import { trainConfig } from '../protocol/schema';

export const MODEL_FORMAT = 'dendrite.model' as const;
export const MODEL_VERSION = 1 as const;

export interface TensorRecord {
  /** Layer id in the spec. */
  layer: string;
  /** W, b, gamma, beta (parameters) or runningMean, runningVar (state). */
  name: string;
  /** Course shape, e.g. W (n[l], n[l−1]) or conv W (f, f, n_C_prev, n_C). */
  shape: number[];
  /** Base64 of the row-major values as little-endian float32. */
  data: string;
}

export interface Provenance {
  createdAt: string;
  app: string;
  backend?: string;
  seed?: number;
  data?: string;
  iterations?: number;
  epochs?: number;
}

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  spec: ModelSpec;
  parameters: TensorRecord[];
  state: TensorRecord[];
  normalisation: { kind: 'none' | 'standardise' | 'minmax'; shift: number[]; scale: number[] };
  /** Number of classes (2 for binary), 0 for regression. */
  numClasses: number;
  classNames?: string[];
  metrics?: FinalMetrics;
  provenance: Provenance;
  /** The settings of the run that produced the weights, so exported scripts can train the same way. */
  training?: TrainConfig;
}

const finite = z.number({ error: (i) => `expected a finite number, got ${String(i.input)}` });
const tensorRecord = z
  .object({
    layer: z.string({ error: 'expected a layer id' }).min(1).max(200),
    name: z.string({ error: 'expected a tensor name' }).min(1).max(40),
    shape: z.array(intIn(1, 100_000_000), { error: 'expected an array of dimensions' }).min(1).max(4),
    data: z.string({ error: 'expected base64 text' }).max(300_000_000, { error: 'is too large' }),
  })
  .strict();

export const modelFileSchema = z
  .object(
    {
      format: z.literal(MODEL_FORMAT, { error: `expected "${MODEL_FORMAT}"` }),
      version: z.literal(MODEL_VERSION, {
        error: (i) => `expected ${MODEL_VERSION} (this Dendrite reads model version ${MODEL_VERSION}), got ${String(i.input)}`,
      }),
      spec: z.unknown(),
      parameters: z.array(tensorRecord, { error: 'expected an array of tensors' }).max(10_000),
      state: z.array(tensorRecord, { error: 'expected an array of tensors' }).max(10_000),
      normalisation: z
        .object({
          kind: z.enum(['none', 'standardise', 'minmax'], { error: "expected 'none', 'standardise' or 'minmax'" }),
          shift: z.array(finite).max(10_000_000),
          scale: z.array(finite).max(10_000_000),
        })
        .strict(),
      numClasses: intIn(0, 100_000),
      classNames: z.array(z.string().max(200)).max(100_000).optional(),
      metrics: z
        .object({
          iterations: z.number(),
          epochs: z.number(),
          trainCost: z.number().nullable(),
          trainAccuracy: z.number().nullable(),
          devAccuracy: z.number().nullable().optional(),
          testAccuracy: z.number().nullable().optional(),
        })
        .optional(),
      provenance: z
        .object({
          createdAt: z.string().max(100),
          app: z.string().max(100),
          backend: z.string().max(100).optional(),
          seed: z.number().optional(),
          data: z.string().max(1000).optional(),
          iterations: z.number().optional(),
          epochs: z.number().optional(),
        })
        .strict(),
      training: trainConfig.optional(),
    },
    { error: 'expected a model object' },
  )
  .strict();

/**
 * The table of layer kinds. The spec schema, the compiler, the engine's layer registry, the
 * canvas (palette, nodes, inspector) and `dendrite inspect` all loop over it; a new kind is its
 * file plus one line here (docs/architecture.md, "How to add a layer kind"). The order is the
 * palette's within each category. Nothing else lives here, so a test can extend the table.
 */
import { activation } from './activation';
import { add } from './add';
import { batchnorm } from './batchnorm';
import { concatenate } from './concatenate';
import { conv2d } from './conv2d';
import { dense } from './dense';
import { dropout } from './dropout';
import { flatten } from './flatten';
import { input } from './input';
import { output } from './output';
import { pool } from './pool';
import { softmax } from './softmax';

export const KINDS = { input, dense, conv2d, pool, batchnorm, dropout, activation, softmax, flatten, add, concatenate, output } as const;

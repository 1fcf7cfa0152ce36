/**
 * Every size limit a user can reach, decided once. The kinds' params schemas, the spec schema,
 * the compiler, the canvas's fields and the trainer protocol all read these; nothing restates
 * them. They keep a typo (units = 1e9) from freezing the app while it allocates.
 * docs/architecture.md ("Limits") says why each value.
 */

/** n[l] of a dense or output layer, and n_C (filters) of a conv layer. */
export const MAX_UNITS = 65_536;
/** f and s of conv and pool layers, and an explicit conv padding p. */
export const MAX_FILTER_SIZE = 64;
/** n_x of a feature-vector input. */
export const MAX_FEATURES = 10_000_000;
/** Each of n_H, n_W and n_C of an image input. */
export const MAX_IMAGE_DIM = 4096;
/** The scale of `random` initialisation, W = randn · scale. */
export const MAX_INIT_SCALE = 1000;
/** Layers in one model: the spec schema, the compiler and the protocol all stop here. */
export const MAX_LAYERS = 1000;
/** Trainable parameters in one model. */
export const MAX_TOTAL_PARAMS = 50_000_000;
/** Trials in one hyperparameter search (each is a whole training run). */
export const MAX_SEARCH_TRIALS = 200;

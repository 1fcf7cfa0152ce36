/** Size limits shared by the compiler, the spec schema and the importer. */
export const MAX_UNITS = 65_536;
export const MAX_TOTAL_PARAMS = 50_000_000;
export const MAX_LAYERS = 1000;

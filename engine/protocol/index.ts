/**
 * engine/protocol — public entry: the typed contract between the app and a trainer (messages both
 * ways) and the zod schemas that validate what crosses it.
 */
export * from './messages';
export * from './schema';

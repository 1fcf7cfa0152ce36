/** Bundled to out/cli/dendrite.cjs (vite.cli.config.ts); bin/dendrite.cjs requires it. */
import { main } from './main';
import { nodeIo } from './node-io';
import { oneLine } from '../text';

main(process.argv.slice(2), nodeIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`dendrite: internal error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 1;
  },
);

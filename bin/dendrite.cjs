#!/usr/bin/env node
// The dendrite CLI. The code lives in the bundle built by `npm run build`
// (vite build --config vite.cli.config.ts → out/cli/dendrite.cjs).
const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'out', 'cli', 'dendrite.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('dendrite: the CLI is not built; run npm run build first (or npx vite build --config vite.cli.config.ts)\n');
  process.exit(2);
}
require(bundle);

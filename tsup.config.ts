import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // `cfxps` and `cfxps/testing` (the conformance kit; fast-check is its peer dependency, external).
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    // Both builds run at once: leave the CLI's files alone.
    clean: ['!cli.js', '!cli.js.map', '!cli-worker.js', '!cli-worker.js.map'],
    target: 'node20',
  },
  {
    // The `cfxps` command line: dist/cli.js (the bin) and dist/cli-worker.js (its worker threads),
    // self-contained ESM files (no shared chunks, so the library build's clean cannot remove them).
    entry: { cli: 'src/cli/main.ts', 'cli-worker': 'src/cli/worker.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    splitting: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);

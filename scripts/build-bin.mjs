// Bundles what the `netsleuth` command runs (the CLI and the worker threads it starts) into dist/bin with
// esbuild, from tsc's output in dist/. Node.js 20 loads ~70 separate ES modules one by one; the bundle's few
// files load in about half the time, for the main thread and again for each worker: ~40 ms off every
// command, ~60–90 ms off a 500 MiB analysis (bench/README.md has the figures). The library (dist/index.js)
// stays tsc's output.
//
// Layout contract: every file lands flat in dist/bin, one level below dist/ like dist/cli and dist/node, so
// the paths the code builds from import.meta.url hold in the bundle too (`./partWorker.js` and
// `./gzipPartWorker.js` beside the pool, `../web`, `../../src/core/patterns`). Modules the CLI imports
// lazily (the AWS commands, the server, Logs Insights) stay separate chunks, loaded only when used; npm
// packages stay external.
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';

const out = 'dist/bin';
await rm(out, { recursive: true, force: true });
await build({
  entryPoints: [
    'dist/cli/main.js',
    'dist/node/partWorkerPool.js',
    'dist/node/partWorker.js',
    'dist/node/gzipPartWorker.js',
  ],
  outdir: out,
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

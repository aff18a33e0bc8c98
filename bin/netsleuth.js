#!/usr/bin/env node
// Thin launcher: the CLI runs from its bundle in dist/bin (built by `npm run build`, which `npm ci` runs via
// `prepare`; see scripts/build-bin.mjs).
import { guessPartWorker, prestartPartWorker } from '../dist/bin/partWorkerPool.js';

// A large export is read by this thread and a worker: start the worker before the CLI's modules load, so
// both are ready about together (see partWorkerPool; V8 is tuned for the read once both are up, see
// setV8FlagsForParts).
const early = guessPartWorker(process.argv.slice(2));
if (early) prestartPartWorker(early);
const { main } = await import('../dist/bin/main.js');

// `netsleuth classify … | head`: a reader that went away is not an error worth a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await main(process.argv.slice(2));

/* global process, require */
// Preload for the benchmark: `node --require bench/rss-hook.cjs bin/netsleuth.js ...`.
// On exit it writes the process's peak resident set size (KB, from getrusage) to stderr as
// `NETSLEUTH_BENCH_MAXRSS_KB=<n>`. It never touches stdout. The write is synchronous because nothing
// asynchronous runs after 'exit'.
'use strict';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeSync } = require('node:fs');

process.on('exit', () => {
  try {
    writeSync(2, `\nNETSLEUTH_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
  } catch {
    // stderr closed: nothing to report to.
  }
});

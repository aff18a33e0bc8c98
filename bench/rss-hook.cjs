/* global process, require */
// Preload for the benchmark: `node --require bench/rss-hook.cjs bin/netsleuth.js ...`.
// On exit it writes the process's peak resident set size (KB, from getrusage) to stderr as
// `NETSLEUTH_BENCH_MAXRSS_KB=<n>`, and the CPU time of all its threads, user and system
// (`NETSLEUTH_BENCH_CPU_MS=<n>`). It never touches stdout. The write is synchronous because nothing
// asynchronous runs after 'exit'.
'use strict';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeSync } = require('node:fs');

process.on('exit', () => {
  try {
    const usage = process.resourceUsage();
    const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
    writeSync(2, `\nNETSLEUTH_BENCH_MAXRSS_KB=${usage.maxRSS}\nNETSLEUTH_BENCH_CPU_MS=${cpuMs}\n`);
  } catch {
    // stderr closed: nothing to report to.
  }
});

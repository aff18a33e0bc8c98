/**
 * Flow log parser + correlator throughput: `node --import tsx bench/flowLogs.ts` (RECORDS, default 1,000,000).
 * Repeats the v5 fixture's records in memory and streams them in 1 MiB chunks, so it times parsing and
 * correlation, not the disk. Numbers are kept in src/flowlogs/README.md.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FlowCorrelator } from '../src/flowlogs/flowCorrelator.js';
import { FlowLogParser } from '../src/flowlogs/flowLogParser.js';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/flowlogs/orders-api-v5.txt', import.meta.url));
const wanted = Number(process.env.RECORDS ?? 1_000_000);
const [header, ...rest] = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
const body = rest.join('\n') + '\n';
const bytes = new TextEncoder().encode(`${header}\n${body.repeat(Math.ceil(wanted / rest.length))}`);

const correlator = new FlowCorrelator([
  { ip: '10.0.3.47', port: 5432, from: Date.UTC(2024, 4, 14, 9, 20), to: Date.UTC(2024, 4, 14, 9, 30) },
]);
const started = performance.now();
const parser = new FlowLogParser({ source: 'bench', onRecord: (r) => correlator.add(r) });
for (let i = 0; i < bytes.length; i += 1 << 20) parser.push(bytes.subarray(i, i + (1 << 20)));
const summary = parser.end();
const verdict = correlator.result()[0]?.verdict;
const seconds = (performance.now() - started) / 1000;
const mib = bytes.length / 1048576;
console.log(
  `${summary.records} records, ${mib.toFixed(0)} MiB in ${seconds.toFixed(2)} s: ` +
    `${(summary.records / seconds / 1000).toFixed(0)}k records/s, ${(mib / seconds).toFixed(1)} MiB/s; ` +
    `heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MiB; verdict ${verdict}`,
);

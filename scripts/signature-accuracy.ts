// Prints per-class recall and precision of the signature matcher on the real-world case tables:
//   node --import tsx scripts/signature-accuracy.ts [--misses]
import { formatScore, outcome, scoreTable, TABLE } from '../test/signatureAccuracy.js';

for (const line of formatScore(scoreTable())) console.log(line);
if (process.argv.includes('--misses')) {
  for (const c of TABLE) {
    const { ok, got } = outcome(c);
    if (ok) continue;
    console.log(
      `\n${JSON.stringify(c.message.slice(0, 160))}\n  want ${JSON.stringify(c.expect)}\n  got  ${JSON.stringify(got)}\n  (${c.source})`,
    );
  }
}

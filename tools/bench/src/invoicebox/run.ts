import { runBench, toMarkdown } from './verify-bench.js';

const rows = await runBench();
console.log(toMarkdown(rows));
const verify = rows.find((row) => row.ratio !== null);
if (verify?.ratio !== null && verify?.ratio !== undefined) {
  console.log(
    `\nverify+parse / baseline = ${verify.ratio.toFixed(2)} (median of alternating rounds; target >= 0.80)`,
  );
}

// Run Material's own search worker (lunr) in Node over a built site's search index and report the queries it
// refuses ("Invalid query"): every one- and two-character prefix of letters and digits, plus the given queries.
//   node tests/tools/search-probe.cjs <worker.min.js> <search_index.json> [query...]
// Prints {"failing": [...], "results": {query: [locations]}}.
const fs = require("node:fs");
let handler = null;
let warned = [];
const sent = [];
globalThis.self = globalThis;
globalThis.addEventListener = (type, h) => { handler = h; };
globalThis.postMessage = (m) => sent.push(m);
console.warn = (...args) => warned.push(args.map(String).join(" "));
eval(fs.readFileSync(process.argv[2], "utf8"));
const index = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
(async () => {
  index.options = { suggest: false };
  await handler({ data: { type: 0, data: index } });
  const chars = "abcdefghijklmnopqrstuvwxyz0123456789";
  const probes = [...chars].flatMap((a) => [a, ...[...chars].map((b) => a + b)]);
  const failing = [];
  const results = {};
  for (const q of probes.concat(process.argv.slice(4))) {
    warned = [];
    await handler({ data: { type: 2, data: q } });
    if (warned.length) failing.push(q);
    else results[q] = sent[sent.length - 1].data.items.map((item) => (Array.isArray(item) ? item[0] : item).location);
  }
  // exit once the whole answer is written: a pipe takes it in pieces, and exiting at once cut it at 128 KiB
  process.stdout.write(JSON.stringify({ failing, results: Object.fromEntries(process.argv.slice(4).map((q) => [q, results[q]])) }) + "\n",
    () => process.exit(0));
})().catch((err) => { console.error(String(err)); process.exit(2); });

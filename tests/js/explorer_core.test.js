/* The explorer's JavaScript core against Python's golden cases (tests/explorer_cases.py).
 * Run by tests/test_explorer_core.py: `node --test tests/js/` with ATLAS_GOLDEN naming the cases file. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const core = require(path.join(__dirname, "..", "..", "site_src", "assets", "javascripts", "explorer-core.js"));

const golden = JSON.parse(fs.readFileSync(process.env.ATLAS_GOLDEN, "utf-8"));
const spec = golden.spec;

/* Numbers computed by both languages agree to 1e-9 (relative); everything else exactly. */
function close(got, want, what) {
  if (want === null || got === null) { assert.equal(got, want, what); return; }
  assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${what}: ${got} != ${want}`);
}

test("text: code point order, HTML escaping, number formats, CSV cells", () => {
  for (const c of golden.text.compare) assert.equal(core.compareText(c.a, c.b), c.sign, JSON.stringify(c));
  for (const c of golden.text.escape) assert.equal(core.escapeHtml(c.text), c.html);
  for (const c of golden.text.fmt) {
    assert.equal(core.fmt(c.x, c.digits), c.grouped, `fmt(${c.x}, ${c.digits})`);
    assert.equal(core.fixed(c.x, c.digits), c.fixed, `fixed(${c.x}, ${c.digits})`);
  }
  for (const c of golden.text.csv) assert.equal(core.csvCell(c.value), c.cell, JSON.stringify(c.value));
});

test("metrics: every formula of the spec, at every weight, with missing and zero inputs", () => {
  for (const c of golden.metrics) {
    const row = core.withMetrics(spec, c.net, c.weights);
    for (const key of Object.keys(c.values)) close(row[key], c.values[key], `${c.net.id} ${key} ${JSON.stringify(c.weights)}`);
  }
});

test("ranking: best first, missing last, ties by name and sharing a rank", () => {
  for (const c of golden.ranking) {
    const rows = c.rows.map((r) => Object.assign({ net: r }, r));
    const order = core.ranked(spec, rows, c.metric);
    assert.deepEqual(order.map((r) => r.net.id), c.order, c.metric);
    assert.deepEqual(core.competitionRanks(order, c.metric), c.ranks, c.metric);
  }
  for (const c of golden.rank_among) assert.equal(core.rankAmong(c.value, c.others, c.better), c.rank, JSON.stringify(c));
  for (const c of golden.percentile) assert.equal(core.percentile(c.rank, c.count), c.percentile, JSON.stringify(c));
});

test("pareto: the front and dominance", () => {
  for (const c of golden.pareto) {
    assert.deepEqual(core.paretoFront(c.nets), c.front);
    const byId = Object.fromEntries(c.nets.map((n) => [n.id, n]));
    for (const [a, b, want] of c.dominates) assert.equal(core.dominates(byId[a], byId[b]), want, `${a} dominates ${b}`);
  }
});

test("checks on a network of yours: one checker, the same errors and warnings as Python's", () => {
  for (const c of golden.checks.fields) assert.deepEqual(core.checkMine(spec, c.fields), c.checked, JSON.stringify(c.fields));
  for (const c of golden.checks.specs) assert.deepEqual(core.parseMine(spec, c.spec), c.checked, c.spec);
});

test("rivals: nearest in MACs, then by id", () => {
  for (const c of golden.rivals) assert.deepEqual(core.rivals(c.net, c.candidates, c.n).map((n) => n.id), c.rivals, `${c.net.id} ${c.n}`);
});

test("hover text", () => {
  for (const c of golden.hover) {
    const row = Object.assign({ net: c.row }, { netscore: c.row.netscore });
    assert.equal(core.hoverText(row), c.text);
  }
});

for (const c of golden.views) {
  test(`view ${c.query || "(no query)"}`, () => {
    const view = core.parseView(spec, c.query, golden.families, c.others, golden.devices);
    assert.deepEqual(view, c.view, "parsed view, with what it ignored and why");
    assert.equal(core.ignoredNote(view.ignored), c.note, "note");
    assert.equal(core.viewQuery(spec, view), c.link, "link");
    const again = core.parseView(spec, c.link, golden.families, c.others, golden.devices);
    assert.deepEqual(again, Object.assign({}, view, { ignored: [], mine_left_out: 0 }),
      "the link gives the view back (what was ignored and networks past the cap left out)");
    const nets = golden.networks.concat(view.mine.map(core.mineNetwork));
    const rows = core.viewRows(spec, nets, view);
    assert.deepEqual(rows.inside.map((r) => r.net.id), c.inside.map((r) => r.id), "networks in view, in order");
    assert.deepEqual(rows.ranks, c.inside.map((r) => r.rank), "ranks");
    rows.inside.forEach((r, i) => close(r[view.metric], c.inside[i].value, r.net.id));
    assert.deepEqual(core.paretoFront(rows.inside.map((r) => r.net)), c.front, "Pareto front");
    assert.equal(core.bestSentence(spec, rows.inside, view.device === null ? null : core.deviceOf(golden.devices, view.device)), c.best,
      "best sentence");
    assert.equal(core.countSentence(spec, view, rows.all, rows.inside, golden.devices), c.count, "count sentence");
    for (const scope of Object.keys(c.comparisons)) {
      const mine = rows.all.filter((r) => r.net.mine);
      const others = core.scopeRows(spec, scope, rows.all, rows.inside, view.set);
      mine.forEach((r, i) => {
        const want = c.comparisons[scope][i], got = core.compare(spec, r, others);
        for (const key of Object.keys(want.ranks)) {
          assert.equal(got.ranks[key].rank, want.ranks[key].rank, `${scope} ${key} rank`);
          close(got.ranks[key].percentile, want.ranks[key].percentile, `${scope} ${key} percentile`);
        }
        assert.deepEqual([got.dominates, got.dominated_by, got.pareto, got.count],
          [want.dominates, want.dominated_by, want.pareto, want.count], `${scope} dominance`);
        assert.deepEqual(core.rivals(r.net, others.map((o) => o.net), spec.rivals).map((n) => n.id), want.rivals, `${scope} rivals`);
        assert.equal(core.rankCaption(spec, scope, view, got.count, golden.devices), c.captions[scope][i], `${scope} caption`);
      });
    }
  });
}

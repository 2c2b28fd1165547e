/* NetScore Atlas: the explorer's core. Pure: no DOM, no Plotly, no window. The same file runs in the browser
 * (window.AtlasCore, loaded before explorer.js) and in Node (require), where `node --test` runs it against golden
 * cases written by Python (tests/test_explorer_core.py; ./atlas test runs them).
 *
 * It declares nothing of its own about the metrics, weights, limits, sets or URL parameters: all of that is the
 * payload's `spec`, generated from netscore_atlas/ (metrics.py, limits.py, selection.py, mine.py, explorer.py).
 * Each function names the Python function it mirrors; the golden cases hold the two together.
 *
 * Rows: a network of the payload (or one of yours, marked `mine`) is `net`; a row is { net: net, <metric>: value }
 * with every metric of spec.metrics computed at the view's weights (withMetrics).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.AtlasCore = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* A key of an object parsed from JSON, never one of Object.prototype's ("constructor", "__proto__", ...). */
  function own(obj, key) { return obj != null && Object.prototype.hasOwnProperty.call(obj, key); }
  function get(obj, key) { return own(obj, key) ? obj[key] : undefined; }

  /* ---- text ----------------------------------------------------------------------------------------------- */

  /* Order strings by code point, as Python compares str (JavaScript's < compares UTF-16 units). */
  function codeUnitRank(c) { return c >= 0xD800 && c <= 0xDFFF ? c + 0x2000 : (c >= 0xE000 ? c - 0x800 : c); }
  function compareText(a, b) {
    if (a === b) return 0;
    var n = Math.min(a.length, b.length), i = 0;
    while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === n) return a.length < b.length ? -1 : 1;
    return codeUnitRank(a.charCodeAt(i)) < codeUnitRank(b.charCodeAt(i)) ? -1 : 1;
  }

  /* As Python's html.escape(s, quote=True). */
  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
  function escapeHtml(s) { return String(s).replace(/[&<>"']/g, function (c) { return ESCAPES[c]; }); }

  /* Numbers as Python's format(x, ".Nf") writes them (charts' hover) and format(x, ",.Nf") (markup.fmt, the
   * tables): rounded on the exact binary value, halves to even; a dash when missing. toFixed rounds the exact
   * value too, but halves away from zero, and Intl.NumberFormat rounds the shortest decimal (0.0005 is a half
   * to it, a little more than one to Python): neither alone writes what the pages write. */
  var MISSING = "–";
  function fixed(x, digits) {
    if (x === null || x === undefined || !isFinite(x)) return MISSING;
    var a = Math.abs(x), sign = x < 0 ? "-" : "";
    if (a >= 1e21) return sign + BigInt(a).toString() + (digits ? "." + "0".repeat(digits) : "");
    var scaled = a * Math.pow(10, digits);
    if (Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6) return sign + a.toFixed(digits);  /* not near a half */
    var long = a.toFixed(Math.min(100, digits + 30)), point = long.indexOf(".");
    var kept = long.slice(0, digits ? point + 1 + digits : point), rest = long.slice(point + 1 + digits);
    var tie = /^50*$/.test(rest), evenBelow = Number(kept.charAt(kept.length - 1)) % 2 === 0;
    return sign + (tie && evenBelow ? kept : a.toFixed(digits));
  }
  function fmt(x, digits) {
    var s = fixed(x, digits);
    if (s === MISSING) return s;
    var point = s.indexOf("."), end = point < 0 ? s.length : point, start = s.charAt(0) === "-" ? 1 : 0;
    var whole = s.slice(start, end).replace(/\B(?=(\d{3})+$)/g, ",");
    return s.slice(0, start) + whole + s.slice(end);
  }

  /* ---- metrics (metrics.py: Formula, Metric.sort_key) ------------------------------------------------------ */

  function power(p, weights) {
    if (typeof p !== "string") return p;
    return p.charAt(0) === "-" ? -weights[p.slice(1)] : weights[p];
  }

  /* Formula.__call__: factor · Π input^power, or log_scale · Σ power · log10(input); no value when an input is
   * missing, or not positive under the logarithm. Same operations in the same order as Python's; no allocation
   * (it runs for every network at every change of the weights). */
  function evaluate(formula, net, weights) {
    var terms = formula.terms, log = formula.log_scale !== null, acc = log ? 0 : formula.factor;
    for (var i = 0; i < terms.length; i++) {
      var v = net[terms[i][0]];
      if (v === null || v === undefined || (log && v <= 0)) return null;
      var p = power(terms[i][1], weights);
      if (log) acc += p * Math.log10(v);
      else acc = p === 1 ? acc * v : (p === -1 ? acc / v : acc * Math.pow(v, p));
    }
    return log ? formula.log_scale * acc : acc;
  }

  function metricValue(spec, key, net, weights) {
    var m = spec.metrics[key];
    if (!m.formula) { var v = net[key]; return v === undefined ? null : v; }
    return evaluate(m.formula, net, weights);
  }

  function withMetrics(spec, net, weights) {
    var row = { net: net }, keys = Object.keys(spec.metrics);
    for (var i = 0; i < keys.length; i++) row[keys[i]] = metricValue(spec, keys[i], net, weights);
    return row;
  }

  /* ---- ranking.py ------------------------------------------------------------------------------------------ */

  /* ranked(): best first by one metric, missing values last, ties by name. */
  function ranked(spec, rows, metric) {
    var higher = spec.metrics[metric].better === "higher";
    return rows.slice().sort(function (a, b) {
      var x = a[metric], y = b[metric];
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
      } else if (x !== y) {
        return (higher ? y - x : x - y) < 0 ? -1 : 1;
      }
      return compareText(a.net.name, b.net.name);
    });
  }

  /* Competition ranks of rows already ranked by `metric`: ties share a rank (rank_values); missing: null. */
  function competitionRanks(rows, metric) {
    var out = [], previous, rank = 0;
    rows.forEach(function (r, i) {
      if (r[metric] === null) { out.push(null); return; }
      if (i === 0 || r[metric] !== previous) { rank = i + 1; previous = r[metric]; }
      out.push(rank);
    });
    return out;
  }

  /* rank_among(): 1 + how many others are strictly better. */
  function rankAmong(value, others, better) {
    var ahead = 0;
    others.forEach(function (o) { if (better === "higher" ? o > value : o < value) ahead++; });
    return ahead + 1;
  }

  function percentile(rank, count) {
    if (rank === null || count < 1) return null;
    return count === 1 ? 100 : 100 * (count - rank) / (count - 1);
  }

  /* ---- pareto.py: top-1 against MACs ----------------------------------------------------------------------- */

  /* pareto_front(): ids of the networks no other is at least as good as on both, and better on one; by MACs. */
  function paretoFront(nets) {
    var pts = nets.slice().sort(function (a, b) {
      if (a.macs_g !== b.macs_g) return a.macs_g < b.macs_g ? -1 : 1;
      if (a.top1 !== b.top1) return a.top1 > b.top1 ? -1 : 1;
      return compareText(a.id, b.id);
    });
    var front = [], bestY = null, bestX = null;
    pts.forEach(function (n) {
      if (bestY === null || n.top1 > bestY) {
        front.push(n.id); bestY = n.top1; bestX = n.macs_g;
      } else if (n.top1 === bestY && n.macs_g === bestX) {
        front.push(n.id);  /* an exact duplicate of a front point */
      }
    });
    return front;
  }

  function dominates(a, b) {
    return a.top1 >= b.top1 && a.macs_g <= b.macs_g && (a.top1 > b.top1 || a.macs_g < b.macs_g);
  }

  /* ---- selection.py ---------------------------------------------------------------------------------------- */

  function isCurated(spec, net) { return (net.collection === undefined ? spec.sets.curated : net.collection) === spec.sets.curated; }
  function inPaperSet(spec, net) { return (net.sets || []).indexOf(spec.sets.paper) >= 0; }

  function inSet(spec, net, which) {
    if (which === "all" || net.mine) return true;
    if (which === spec.sets.paper) return inPaperSet(spec, net);
    return which === spec.sets.curated ? isCurated(spec, net) : !isCurated(spec, net);
  }

  function complete(net) {
    return ["top1", "params_m", "macs_g"].every(function (k) { return net[k] !== null && net[k] !== undefined; });
  }

  function admitsYear(view, year) {
    if (view.year_min === null && view.year_max === null) return true;
    if (year === null || year === undefined) return false;
    return (view.year_min === null || year >= view.year_min) && (view.year_max === null || year <= view.year_max);
  }

  /* SpeedBudget.admits: with a device, the networks measured on it (exact matches) within the view's bound on
   * their speed there; a network of yours has no measured speed. The view holds only the bound that fits the
   * device's measure (fitSpeed). */
  function admitsSpeed(view, net) {
    if (view.device === null || view.device === undefined) return true;
    var value = get(net.speed, view.device);
    if (value === null || value === undefined) return false;
    if (view.max_latency_ms !== null && value > view.max_latency_ms) return false;
    return view.min_throughput === null || value >= view.min_throughput;
  }

  /* Selection.admits for a complete network: the set, the budget (MACs, parameters, top-1, speed), then (unless it
   * is yours) families, training data (a class the view names; unknown training data passes only when it names
   * none) and years. */
  function admits(spec, view, net) {
    if (!inSet(spec, net, view.set)) return false;
    if (view.max_gmacs !== null && net.macs_g > view.max_gmacs) return false;
    if (view.max_params_m !== null && net.params_m > view.max_params_m) return false;
    if (view.min_top1 !== null && net.top1 < view.min_top1) return false;
    if (!admitsSpeed(view, net)) return false;
    if (net.mine) return true;
    if (view.family.length && view.family.indexOf(net.family) < 0) return false;
    if (view.training.length && view.training.indexOf(net.training_class) < 0) return false;
    return admitsYear(view, net.year);
  }

  /* ---- mine.py: the checks on a network of yours ----------------------------------------------------------- */

  function trim(spec, text) {
    var s = String(text === null || text === undefined ? "" : text), a = 0, b = s.length;
    while (a < b && spec.space.indexOf(s.charAt(a)) >= 0) a++;
    while (b > a && spec.space.indexOf(s.charAt(b - 1)) >= 0) b--;
    return s.slice(a, b);
  }

  function numberText(spec, raw, key, label, required, errors) {
    var text = trim(spec, raw);
    if (!text) {
      if (required) errors.push({ field: key, message: label + " is needed" });
      return null;
    }
    if (!new RegExp(spec.number_pattern).test(text)) {
      errors.push({ field: key, message: JSON.stringify(text) + " is not a number" });
      return null;
    }
    var x = Number(text);
    if (!isFinite(x)) { errors.push({ field: key, message: JSON.stringify(text) + " is not a finite number" }); return null; }
    if (x <= 0) { errors.push({ field: key, message: label + " must be greater than 0" }); return null; }
    return x;
  }

  function ranges(spec, net) {
    var L = spec.limits, out = [];
    spec.fields.forEach(function (f) {
      if (spec.accuracies.indexOf(f[0]) >= 0 && net[f[0]] !== null && net[f[0]] > L.max_accuracy) {
        out.push({ field: f[0], message: f[1] + " is a percentage: at most " + fmt(L.max_accuracy, 0) });
      }
    });
    if (net.top5 !== null && net.top1 !== null && net.top5 < net.top1) out.push({ field: "top5", message: "top-5 cannot be below top-1" });
    if (net.params_m !== null && net.params_m > L.max_params_m) {
      out.push({ field: "params_m", message: "more than " + fmt(L.max_params_m, 0) + " M parameters: parameters are in millions" });
    }
    if (net.macs_g !== null && net.macs_g > L.max_macs_g) {
      out.push({ field: "macs_g", message: "more than " + fmt(L.max_macs_g, 0) + " G-MACs: MACs are in billions" });
    }
    if (net.params_m !== null && net.params_m < L.min_params_m) {
      out.push({ field: "params_m", message: "fewer than " + String(L.min_params_m) + " M parameters: parameters are in millions" });
    }
    if (net.macs_g !== null && net.macs_g < L.min_macs_g) {
      out.push({ field: "macs_g", message: "fewer than " + String(L.min_macs_g) + " G-MACs: MACs are in billions" });
    }
    return out;
  }

  function plausibility(spec, net) {
    var ratio = 1000 * net.macs_g / net.params_m;
    if (ratio > spec.limits.macs_per_param_max) {
      return [{ field: "macs_g", message: fmt(ratio, 0) + " MACs per parameter is more than real networks show: " +
        "are these FLOPs (2 per multiply-add) or millions of MACs?" }];
    }
    if (ratio < spec.limits.macs_per_param_min) {
      return [{ field: "macs_g", message: fmt(ratio, 2) + " MACs per parameter is less than real networks show: check the units" }];
    }
    return [];
  }

  /* check(): one network given as text fields (name, top1, params_m, macs_g, top5, resolution). */
  function checkMine(spec, fields) {
    var errors = [];
    var name = trim(spec, get(fields, "name"));
    var points = Array.from(name);  /* code points, as Python's len() */
    if (!name) errors.push({ field: "name", message: "give a name" });
    if (points.length > spec.limits.name_max) errors.push({ field: "name", message: "at most " + spec.limits.name_max + " characters" });
    var net = { name: points.slice(0, spec.limits.name_max).join("") };
    spec.fields.forEach(function (f) { net[f[0]] = numberText(spec, get(fields, f[0]), f[0], f[1], f[2], errors); });
    errors = errors.concat(ranges(spec, net));
    return { net: net, errors: errors, warnings: errors.length ? [] : plausibility(spec, net) };
  }

  /* parse_spec(): 'Name:top1:params_m:macs_g'; the name may itself contain ':'. */
  function parseMine(spec, text) {
    var parts = String(text).split(":");
    if (parts.length < 4) return { net: { name: null }, errors: [{ field: "spec", message: "expected " + spec.spec_format }], warnings: [] };
    var n = parts.length;
    return checkMine(spec, { name: parts.slice(0, n - 3).join(":"), top1: parts[n - 3], params_m: parts[n - 2], macs_g: parts[n - 1] });
  }

  /* mine.compare(): ranks and percentiles of one row against others (rows), and dominance on top-1 against MACs. */
  function compare(spec, row, others) {
    var count = others.length + 1, ranks = {};
    spec.compared.forEach(function (key) {
      var rank = rankAmong(row[key], others.map(function (o) { return o[key]; }), spec.metrics[key].better);
      ranks[key] = { rank: rank, percentile: percentile(rank, count) };
    });
    var names = function (list) { return list.map(function (o) { return o.net.name; }).sort(compareText); };
    var beaten = names(others.filter(function (o) { return dominates(row.net, o.net); }));
    var beatenBy = names(others.filter(function (o) { return dominates(o.net, row.net); }));
    return { ranks: ranks, dominates: beaten, dominated_by: beatenBy, pareto: !beatenBy.length, count: count };
  }

  /* ---- rivals.py ------------------------------------------------------------------------------------------- */

  function logDistance(a, b) { return Math.abs(Math.log10(a) - Math.log10(b)); }

  /* rivals(): the n candidates nearest in MACs (log distance, then id), never the network itself. */
  function rivals(net, candidates, n) {
    return candidates.filter(function (c) { return c.id !== net.id; }).map(function (c) {
      return { net: c, d: logDistance(c.macs_g, net.macs_g) };
    }).sort(function (a, b) { return a.d !== b.d ? (a.d < b.d ? -1 : 1) : compareText(a.net.id, b.net.id); })
      .slice(0, n).map(function (x) { return x.net; });
  }

  /* ---- explorer.py: the view and its URL ------------------------------------------------------------------- */

  /* A number in decimal notation the parameter accepts (from lo to hi; above lo when p.above), else null. */
  function numberIn(spec, text, p) {
    var s = trim(spec, text);
    if (!new RegExp(spec.number_pattern).test(s)) return null;
    var x = Number(s);
    return isFinite(x) && (p.above ? x > p.lo : x >= p.lo) && x <= p.hi ? x : null;
  }

  /* The payload's device of this key (a list: no prototype keys), or null. */
  function deviceOf(devices, key) {
    for (var i = 0; i < (devices || []).length; i++) if (devices[i].key === key) return devices[i];
    return null;
  }

  /* One parameter's value from its values in the query or a control (explorer._param). An empty value is as if not
   * given; every other value it does not take is pushed on `ignored` as { param, value, reason } (the reason is the
   * spec's rule for the parameter, the checks' errors for a network of yours, or spec.reasons.repeated for a second
   * value of a single-valued parameter), and the default holds. `devices`: the payload's. */
  function parseParam(spec, p, values, families, ignored, devices) {
    var note = function (value, reason) { ignored.push({ param: p.name, value: value, reason: reason }); };
    var repeated = function () { values.slice(1).forEach(function (v) { note(v, spec.reasons.repeated); }); };
    values = values.filter(function (v) { return v !== ""; });
    if (p.kind === "device") {
      if (!values.length) return p.default;
      var known = deviceOf(devices, values[0]) !== null;
      if (!known) note(values[0], p.rule);
      repeated();
      return known ? values[0] : p.default;
    }
    if (p.kind === "number" || p.kind === "year") {
      if (!values.length) return p.default;
      var x = numberIn(spec, values[0], p);
      if (x === null) note(values[0], p.rule);
      repeated();
      if (x !== null && p.kind === "year") x = Math.round(x);
      return x === null ? p.default : x;
    }
    if (p.kind === "choice") {
      if (!values.length) return p.default;
      var ok = p.choices.indexOf(values[0]) >= 0;
      if (!ok) note(values[0], p.rule);
      repeated();
      return ok ? values[0] : p.default;
    }
    if (p.kind === "families" || p.kind === "choices") {
      var known = p.kind === "families" ? families : p.choices;
      values.forEach(function (v) { if (known.indexOf(v) < 0) note(v, p.rule); });
      if (p.kind === "choices") return p.choices.filter(function (c) { return values.indexOf(c) >= 0; });
      return values.filter(function (f, i) { return families.indexOf(f) >= 0 && values.indexOf(f) === i; }).sort(compareText);
    }
    var nets = [];
    values.forEach(function (text) {
      var checked = parseMine(spec, text);
      if (checked.errors.length) note(text, checked.errors.map(function (e) { return e.field + ": " + e.message; }).join("; "));
      else nets.push(checked.net);
    });
    return nets;
  }

  /* fit_speed(): keep only the speed bound that fits the device's measure (spec.speed_bounds); none without a device.
   * A bound dropped that was given is noted on `ignored` (when given) with the reason. */
  function fitSpeed(spec, view, devices, ignored, q) {
    var device = view.device === null ? null : deviceOf(devices, view.device);
    Object.keys(spec.speed_bounds).forEach(function (measure) {
      var name = spec.speed_bounds[measure];
      if (device && device.measure === measure) return;
      if (ignored && view[name] !== null) {
        var raw = q.getAll(name).filter(function (v) { return v !== ""; })[0];
        ignored.push({ param: name, value: raw, reason: device ? spec.reasons.other_measure.replace("{measure}", device.measure) : spec.reasons.no_device });
      }
      view[name] = null;
    });
    return view;
  }

  /* parse_query(): the view a link's query holds; `families`: the registry's curated families; `others`: names of
   * parameters the page reads itself (the explorer's highlight, the leaderboard's q), not reported; `devices`: the
   * payload's devices. Beside the view's parameters, `ignored` lists what the view does not take (spec.params'
   * order, then a speed bound that does not fit the device, then unknown names in the query's order):
   * ignoredNote() says it. Of the networks of yours, the first spec.limits.mine_max are read; how many more the
   * link held is `mine_left_out`. */
  function parseView(spec, search, families, others, devices) {
    var q = new URLSearchParams(search), view = {}, ignored = [], leftOut = 0, names = {};
    spec.params.forEach(function (p) {
      names[p.name] = true;
      var values = q.getAll(p.name);
      if (p.kind === "mine" && values.length > spec.limits.mine_max) {
        leftOut = values.length - spec.limits.mine_max;
        values = values.slice(0, spec.limits.mine_max);
      }
      view[p.name] = parseParam(spec, p, values, families, ignored, devices);
    });
    if (own(names, "device")) fitSpeed(spec, view, devices, ignored, q);
    q.forEach(function (value, name) {
      if (!own(names, name) && (others || []).indexOf(name) < 0 && value !== "") {
        ignored.push({ param: name, value: value, reason: spec.reasons.unknown });
      }
    });
    view.ignored = ignored;
    view.mine_left_out = leftOut;
    return view;
  }

  var NOTE_VALUE_MAX = 40;  /* code points of a value a note quotes; longer ones end in "…" */

  /* note_text() (tests/explorer_cases.py): "Ignored in the address: max_gmacs=-5 (must be …); metric=evil (must be one of …)." or "". */
  function ignoredNote(ignored) {
    if (!ignored.length) return "";
    return "Ignored in the address: " + ignored.map(function (i) {
      var points = Array.from(i.value);
      var value = points.length > NOTE_VALUE_MAX ? points.slice(0, NOTE_VALUE_MAX).join("") + "\u2026" : i.value;
      return i.param + "=" + value + " (" + i.reason + ")";
    }).join("; ") + ".";
  }

  /* view_query(): every parameter that differs from its default, in the order of spec.params. */
  function viewQuery(spec, view) {
    var q = new URLSearchParams();
    spec.params.forEach(function (p) {
      var value = view[p.name];
      if (p.kind === "families" || p.kind === "choices") value.forEach(function (f) { q.append(p.name, f); });
      else if (p.kind === "mine") value.forEach(function (m) { q.append(p.name, [m.name, m.top1, m.params_m, m.macs_g].join(":")); });
      else if (value !== p.default) q.append(p.name, String(value));
    });
    var s = q.toString();
    return s ? "?" + s : "";
  }

  function weightsOf(view) { return { alpha: view.alpha, beta: view.beta, gamma: view.gamma }; }

  /* A network of yours as the explorer places it: the i-th of the view's (from 0), in every set. */
  function mineNetwork(m, i) {
    return { id: "mine-" + (i + 1), name: m.name, family: "Yours", year: null, top1: m.top1, top5: m.top5,
      params_m: m.params_m, macs_g: m.macs_g, resolution: m.resolution, sets: [], mine: true };
  }

  /* Every network with its metrics at the view's weights: what changes only with the weights (and your networks). */
  function rowsAt(spec, networks, view) {
    var w = weightsOf(view);
    return networks.map(function (n) { return withMetrics(spec, n, w); });
  }

  /* The rows a view admits, ranked by its metric, with their competition ranks. */
  function selectRows(spec, all, view) {
    var inside = ranked(spec, all.filter(function (r) { return admits(spec, view, r.net); }), view.metric);
    return { all: all, inside: inside, ranks: competitionRanks(inside, view.metric) };
  }

  function viewRows(spec, networks, view) { return selectRows(spec, rowsAt(spec, networks, view), view); }

  /* The registry's rows a network of yours is ranked against ('Rank against'): the chosen set ("all"), the
   * paper's set within it, or the view ("budget"). */
  function scopeRows(spec, scope, all, inside, which) {
    if (scope === "budget") return inside.filter(function (r) { return !r.net.mine; });
    var registry = all.filter(function (r) { return !r.net.mine && inSet(spec, r.net, which); });
    return scope === spec.sets.paper ? registry.filter(function (r) { return inPaperSet(spec, r.net); }) : registry;
  }

  /* ---- text the explorer shows ----------------------------------------------------------------------------- */

  /* charts.hover_text(): a network's hover label (HTML; registry text escaped). */
  function hoverText(row) {
    var n = row.net;
    var family = escapeHtml(n.family) + (n.year === null || n.year === undefined ? "" : ", " + n.year);
    return "<b>" + escapeHtml(n.name) + "</b><br>" + family + "<br>top-1 " + fixed(n.top1, 2) + " %<br>" +
      fixed(n.macs_g, 3) + " G-MACs<br>" + fixed(n.params_m, 2) + " M params<br>NetScore " + fixed(row.netscore, 2);
  }

  /* export.csv_cell() and the csv module's quoting: text that would start a formula (=, +, - or @, also after
   * spaces, tabs and line breaks, or a leading tab or carriage return: export.FORMULA_START) gets a quote mark. */
  var FORMULA_START = /^(?:[\t\r\n ]*[=+\-@]|[\t\r])/;
  function csvCell(x) {
    if (x === null || x === undefined) return "";
    if (typeof x === "boolean") return x ? "true" : "false";
    var s = Array.isArray(x) ? x.join(";") : String(x);
    if (typeof x !== "number" && FORMULA_START.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /* A measured speed as the sentence writes it: '32.78 ms per image', '4,303 images/s'. */
  function speedText(device, value) {
    return device.measure === "latency" ? fmt(value, 2) + " ms per image" : fmt(value, 0) + " images/s";
  }

  /* explorer.best_sentence(): the best network in view by each metric of the menu; with a device (the payload's),
   * the device, what was measured and how, and each best network's speed there. */
  function bestSentence(spec, inside, device) {
    if (!inside.length) return device ? "No network measured on the " + device.name + " fits this budget." : "No network fits this budget.";
    var parts = spec.rank_by.map(function (key) {
      var m = spec.metrics[key], best = ranked(spec, inside, key)[0];
      var speed = device ? "; " + speedText(device, get(best.net.speed, device.key)) : "";
      return "by " + m.short + ", " + best.net.name + (best.net.mine ? " (yours)" : "") + " (" + fmt(best[key], m.digits) +
        (m.unit ? " " + m.unit : "") + speed + ")";
    });
    var where = device ? " on the " + device.name + " (" + (device.measure === "latency" ? "latency per image" : "throughput") +
      "; " + device.conditions + "; " + device.source + ")" : "";
    return "Best within budget" + where + ": " + parts.join("; ") + ".";
  }

  /* view_words() (tests/explorer_cases.py): what narrows the view beyond its set, in words ("within 0.6 G-MACs and 3 M parameters,
   * top-1 at least 70 %, 2 families, years 2015 to 2019"); "" when nothing does. Numbers as the address writes them. */
  function viewWords(spec, view, devices) {
    var parts = [], budget = [];
    if (view.max_gmacs !== null) budget.push(String(view.max_gmacs) + " G-MACs");
    if (view.max_params_m !== null) budget.push(String(view.max_params_m) + " M parameters");
    if (budget.length) parts.push("within " + budget.join(" and "));
    if (view.min_top1 !== null) parts.push("top-1 at least " + String(view.min_top1) + " %");
    var device = view.device === null || view.device === undefined ? null : deviceOf(devices, view.device);
    if (device) {
      parts.push("measured on the " + device.label);
      if (view.max_latency_ms !== null) parts.push("at most " + String(view.max_latency_ms) + " ms per image");
      if (view.min_throughput !== null) parts.push("at least " + String(view.min_throughput) + " images/s");
    }
    if (view.family.length) parts.push(view.family.length === 1 ? "family " + view.family[0] : view.family.length + " families");
    if (view.training.length) {
      parts.push("training data " + view.training.map(function (c) { return spec.training_labels[c]; }).join(" or "));
    }
    if (view.year_min !== null && view.year_max !== null) parts.push("years " + view.year_min + " to " + view.year_max);
    else if (view.year_min !== null) parts.push("years from " + view.year_min);
    else if (view.year_max !== null) parts.push("years up to " + view.year_max);
    return parts.join(", ");
  }

  /* The registry's networks of the view's set (complete ones: those a view can hold), yours left out. */
  function setCount(spec, all, which) {
    return all.filter(function (r) { return !r.net.mine && inSet(spec, r.net, which); }).length;
  }

  /* count_sentence() (tests/explorer_cases.py): how many of which set the view holds, and how it ranks them. */
  function countSentence(spec, view, all, inside, devices) {
    var total = setCount(spec, all, view.set), words = spec.sets.words[view.set], narrowed = viewWords(spec, view, devices);
    var n = inside.filter(function (r) { return !r.net.mine; }).length;
    var yours = all.filter(function (r) { return r.net.mine; }).length;
    var mine = yours ? " (and " + fmt(inside.length - n, 0) + " of your " + fmt(yours, 0) + ")" : "";
    var head = narrowed ? fmt(n, 0) + " of the " + fmt(total, 0) + " " + words + " are in view" + mine + ": " + narrowed + "." :
      "All " + fmt(total, 0) + " " + words + " are in view" + mine + " (no budget or filter).";
    return head + " Ranked by " + spec.metrics[view.metric].label + ".";
  }

  /* rank_caption() (tests/explorer_cases.py): what a network of yours is ranked among, for the 'Rank against' menu's scope. */
  function rankCaption(spec, scope, view, count, devices) {
    var words = scope === spec.sets.paper ? spec.sets.words[spec.sets.paper] : spec.sets.words[view.set];
    var narrowed = scope === "budget" ? viewWords(spec, view, devices) : "";
    return "Ranks among " + fmt(count, 0) + ": this network and the " + fmt(count - 1, 0) + " " + words +
      (narrowed ? " in view (" + narrowed + ")" : "") + ".";
  }

  /* A metric's label with its unit, as the site's tables head their columns (chart_tables.column_label). */
  function columnLabel(spec, key) {
    var m = spec.metrics[key];
    return m.unit ? m.label + " (" + m.unit + ")" : m.label;
  }

  return {
    own: own, get: get, compareText: compareText, escapeHtml: escapeHtml, fmt: fmt, fixed: fixed,
    evaluate: evaluate, metricValue: metricValue, withMetrics: withMetrics,
    ranked: ranked, competitionRanks: competitionRanks, rankAmong: rankAmong, percentile: percentile,
    paretoFront: paretoFront, dominates: dominates,
    inSet: inSet, complete: complete, admits: admits, admitsSpeed: admitsSpeed, deviceOf: deviceOf, fitSpeed: fitSpeed,
    speedText: speedText,
    checkMine: checkMine, parseMine: parseMine, compare: compare, rivals: rivals, logDistance: logDistance,
    parseParam: parseParam, parseView: parseView, ignoredNote: ignoredNote, viewQuery: viewQuery, weightsOf: weightsOf, viewRows: viewRows, rowsAt: rowsAt, selectRows: selectRows,
    mineNetwork: mineNetwork,
    scopeRows: scopeRows,
    hoverText: hoverText, csvCell: csvCell, bestSentence: bestSentence, columnLabel: columnLabel,
    viewWords: viewWords, countSentence: countSentence, rankCaption: rankCaption
  };
});

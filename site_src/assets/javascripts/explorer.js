/* NetScore Atlas: the MAC-budget explorer.
 *
 * The page embeds the registry's raw values (data-explorer, JSON); every metric is
 * recomputed here with the formulas of netscore_atlas/metrics.py, and the view lives
 * in the URL query so a link reproduces it. Text from the registry reaches the page
 * only through textContent (never innerHTML) and, in chart hovers, HTML-escaped.
 */
(function () {
  "use strict";

  var METRIC_INFO = {
    netscore: { label: "NetScore", unit: "", digits: 2 },
    top1: { label: "top-1", unit: " %", digits: 2 },
    info_density: { label: "information density", unit: " %/M-params", digits: 2 },
    top1_per_gmac: { label: "accuracy per G-MAC", unit: " %/G-MACs", digits: 1 }
  };
  var COLUMNS = [
    ["top1", 2], ["params_m", 2], ["macs_g", 3], ["netscore", 2], ["info_density", 2], ["top1_per_gmac", 1]
  ];

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function log10(x) { return Math.log(x) / Math.LN10; }

  /* NetScore, Wong 2018 eq. 1: a in %, p in M-params, m in G-MACs. Same as metrics.netscore. */
  function netscore(a, p, m, w) {
    return 20 * (w.alpha * log10(a) - w.beta * log10(p) - w.gamma * log10(m));
  }

  function withMetrics(net, w) {
    return {
      net: net,
      netscore: netscore(net.top1, net.params_m, net.macs_g, w),
      top1: net.top1,
      info_density: net.top1 / net.params_m,
      top1_per_gmac: net.top1 / net.macs_g
    };
  }

  function byName(a, b) {
    var x = a.net.name, y = b.net.name;
    return x < y ? -1 : (x > y ? 1 : 0);
  }

  /* Best first (every explorer metric is higher-is-better); ties by name, as in cli.ranked. */
  function rank(rows, metric) {
    return rows.slice().sort(function (a, b) {
      if (a[metric] !== b[metric]) return b[metric] - a[metric];
      return byName(a, b);
    });
  }

  function paretoFront(rows) {
    var pts = rows.slice().sort(function (a, b) {
      if (a.net.macs_g !== b.net.macs_g) return a.net.macs_g - b.net.macs_g;
      if (a.net.top1 !== b.net.top1) return b.net.top1 - a.net.top1;
      return a.net.id < b.net.id ? -1 : 1;
    });
    var front = [], bestY = null, bestX = null;
    pts.forEach(function (r) {
      if (bestY === null || r.net.top1 > bestY) {
        front.push(r); bestY = r.net.top1; bestX = r.net.macs_g;
      } else if (r.net.top1 === bestY && r.net.macs_g === bestX) {
        front.push(r);
      }
    });
    return front;
  }

  /* ---- the view in the URL ---------------------------------------------------------- */

  function num(value, lo, hi) {
    if (value === null || value === undefined || String(value).trim() === "") return null;
    var x = Number(value);
    if (!isFinite(x) || x < lo || x > hi) return null;
    return x;
  }

  var SETS = ["curated", "netscore2018", "imported", "all"];

  function inSet(net, set) {
    if (set === "all" || net.mine) return true;
    if (set === "netscore2018") return net.sets.indexOf("netscore2018") >= 0;
    var curated = net.collection === "curated";
    return set === "curated" ? curated : !curated;
  }

  function parseView(search, data) {
    var q = new URLSearchParams(search);
    var d = data.defaults;
    var families = Object.keys(data.styles);
    var v = {
      max_gmacs: num(q.get("max_gmacs"), 1e-9, 1e6),
      max_params_m: num(q.get("max_params_m"), 1e-9, 1e6),
      min_top1: num(q.get("min_top1"), 0, 100),
      metric: data.metrics.indexOf(q.get("metric")) >= 0 ? q.get("metric") : d.metric,
      alpha: num(q.get("alpha"), 0, 100), beta: num(q.get("beta"), 0, 100), gamma: num(q.get("gamma"), 0, 100),
      family: q.getAll("family").filter(function (f) { return families.indexOf(f) >= 0; }),
      year_min: num(q.get("year_min"), 1900, 2200), year_max: num(q.get("year_max"), 1900, 2200),
      set: SETS.indexOf(q.get("set")) >= 0 ? q.get("set") : "curated",
      colour: q.get("colour") === "year" ? "year" : "family"
    };
    if (v.alpha === null) v.alpha = d.alpha;
    if (v.beta === null) v.beta = d.beta;
    if (v.gamma === null) v.gamma = d.gamma;
    if (v.year_min !== null) v.year_min = Math.round(v.year_min);
    if (v.year_max !== null) v.year_max = Math.round(v.year_max);
    v.family = v.family.filter(function (f, i, all) { return all.indexOf(f) === i; }).sort();
    v.mine = [];
    v.mineIgnored = [];
    q.getAll("mine").forEach(function (spec) {
      var parsed = parseMine(spec, data);
      if (parsed.errors.length) v.mineIgnored.push({ spec: spec, errors: parsed.errors });
      else v.mine.push(parsed.net);
    });
    return v;
  }

  /* ---- your own networks -------------------------------------------------------------- */

  /* Check one network given as text fields; the same rules as netscore_atlas/mine.py. */
  function checkMine(fields, data) {
    var errors = [], warnings = [];
    var name = String(fields.name || "").trim();
    if (!name) errors.push({ field: "name", message: "give a name" });
    if (name.length > 120) errors.push({ field: "name", message: "at most 120 characters" });
    var net = { name: name.slice(0, 120) };
    [["top1", "top-1"], ["params_m", "parameters"], ["macs_g", "MACs"], ["top5", "top-5"], ["resolution", "resolution"]].forEach(function (f) {
      var raw = fields[f[0]];
      var optional = f[0] === "top5" || f[0] === "resolution";
      if (raw === undefined || raw === null || String(raw).trim() === "") {
        if (!optional) errors.push({ field: f[0], message: f[1] + " is needed" });
        net[f[0]] = null;
        return;
      }
      var x = Number(String(raw).trim());
      if (!isFinite(x) || String(raw).trim() === "") { errors.push({ field: f[0], message: JSON.stringify(String(raw)) + " is not a number" }); return; }
      if (x <= 0) { errors.push({ field: f[0], message: f[1] + " must be greater than 0" }); return; }
      net[f[0]] = x;
    });
    if (net.top1 > 100) errors.push({ field: "top1", message: "top-1 is a percentage: at most 100" });
    if (net.top5 > 100) errors.push({ field: "top5", message: "top-5 is a percentage: at most 100" });
    if (net.top5 && net.top1 && net.top5 < net.top1) errors.push({ field: "top5", message: "top-5 cannot be below top-1" });
    if (!errors.length) {
      var ratio = 1000 * net.macs_g / net.params_m;
      if (ratio > data.limits.macs_per_param_max) {
        /* A warning, not an error: the registry admits such networks too (netscore_atlas/mine.py). */
        warnings.push({ field: "macs_g", message: fmt(ratio, 0) +
          " MACs per parameter is more than real networks show: are these FLOPs (2 per multiply-add) or millions of MACs?" });
      } else if (ratio < data.limits.macs_per_param_min) {
        warnings.push({ field: "macs_g", message: ratio.toFixed(2) + " MACs per parameter is less than real networks show: check the units" });
      }
    }
    return { net: net, errors: errors, warnings: warnings };
  }

  /* 'Name:top1:params_m:macs_g' from a link; the name may contain ':'. */
  function parseMine(spec, data) {
    var parts = String(spec).split(":");
    if (parts.length < 4) return { net: null, errors: [{ field: "mine", message: "expected NAME:TOP1:PARAMS_M:GMACS" }], warnings: [] };
    var macs = parts.pop(), params = parts.pop(), top1 = parts.pop();
    return checkMine({ name: parts.join(":"), top1: top1, params_m: params, macs_g: macs }, data);
  }

  /* Where a network's page is: its own, or its row on an imported collection's page. */
  function pageOf(net) {
    if (net.collection && net.collection !== "curated") return "imported/" + net.collection.split(":")[1] + "/#" + net.id;
    return "networks/" + net.id + "/";
  }

  function rankAgainst(value, others, better) {
    var ahead = others.filter(function (o) { return better === "higher" ? o > value : o < value; }).length;
    var n = others.length + 1, r = ahead + 1;
    return { rank: r, count: n, percentile: n === 1 ? 100 : 100 * (n - r) / (n - 1) };
  }

  function dominates(a, b) {
    return a.top1 >= b.top1 && a.macs_g <= b.macs_g && (a.top1 > b.top1 || a.macs_g < b.macs_g);
  }

  function viewQuery(v, data) {
    var q = new URLSearchParams();
    ["max_gmacs", "max_params_m", "min_top1"].forEach(function (k) { if (v[k] !== null) q.set(k, String(v[k])); });
    if (v.metric !== data.defaults.metric) q.set("metric", v.metric);
    ["alpha", "beta", "gamma"].forEach(function (k) { if (v[k] !== data.defaults[k]) q.set(k, String(v[k])); });
    v.family.forEach(function (f) { q.append("family", f); });
    if (v.year_min !== null) q.set("year_min", String(v.year_min));
    if (v.year_max !== null) q.set("year_max", String(v.year_max));
    if (v.set && v.set !== "curated") q.set("set", v.set);
    if (v.colour === "year") q.set("colour", "year");
    (v.mine || []).forEach(function (m) { q.append("mine", [m.name, m.top1, m.params_m, m.macs_g].join(":")); });
    var s = q.toString();
    return s ? "?" + s : "";
  }

  function inView(net, v) {
    if (!inSet(net, v.set)) return false;
    if (v.max_gmacs !== null && net.macs_g > v.max_gmacs) return false;
    if (v.max_params_m !== null && net.params_m > v.max_params_m) return false;
    if (v.min_top1 !== null && net.top1 < v.min_top1) return false;
    if (net.mine) return true;
    if (v.family.length && v.family.indexOf(net.family) < 0) return false;
    if (v.year_min !== null && net.year < v.year_min) return false;
    if (v.year_max !== null && net.year > v.year_max) return false;
    return true;
  }

  /* One number format per number of decimals: building one per call dominated a redraw. */
  var FORMATS = {};
  function fmt(x, digits) {
    var f = FORMATS[digits] || (FORMATS[digits] = new Intl.NumberFormat("en-US",
      { minimumFractionDigits: digits, maximumFractionDigits: digits }));
    return f.format(x);
  }

  /* ---- the page ---------------------------------------------------------------------- */

  function Explorer(root) {
    this.root = root;
    this.data = JSON.parse(root.dataset.explorer);
    this.base = root.dataset.base || "";
    this.el = function (id) { return root.querySelector("#" + id); };
    this.sortKey = null;
    this.sortDir = 1;
    var macs = this.data.networks.map(function (n) { return n.macs_g; });
    this.logMin = Math.floor(log10(Math.min.apply(null, macs.concat([1]))) * 10) / 10;
    this.logMax = Math.ceil(log10(Math.max.apply(null, macs.concat([1]))) * 10) / 10;
    this.maxParams = Math.max.apply(null, this.data.networks.map(function (n) { return n.params_m; }).concat([1]));
    this.buildFamilies();
    this.view = parseView(window.location.search, this.data);
    this.toControls();
    this.wire();
    this.wireMine();
    this.update(false);
  }

  Explorer.prototype.buildFamilies = function () {
    var box = this.el("ex-families");
    Object.keys(this.data.styles).sort().forEach(function (f, i) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.value = f;
      input.id = "ex-family-" + i;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + f));
      box.appendChild(label);
    });
  };

  Explorer.prototype.toControls = function () {
    var v = this.view, el = this.el;
    el("ex-gmacs").value = v.max_gmacs === null ? "" : v.max_gmacs;
    this.syncRange();
    el("ex-params").value = v.max_params_m === null ? "" : v.max_params_m;
    el("ex-top1").value = v.min_top1 === null ? "" : v.min_top1;
    el("ex-year-min").value = v.year_min === null ? "" : v.year_min;
    el("ex-year-max").value = v.year_max === null ? "" : v.year_max;
    el("ex-metric").value = v.metric;
    el("ex-set").value = v.set;
    el("ex-colour").value = v.colour;
    el("ex-alpha").value = v.alpha; el("ex-beta").value = v.beta; el("ex-gamma").value = v.gamma;
    this.root.querySelectorAll("#ex-families input").forEach(function (c) { c.checked = v.family.indexOf(c.value) >= 0; });
  };

  /* The slider shows the MAC budget on a log scale; at its right end when there is none. */
  Explorer.prototype.syncRange = function () {
    var range = this.el("ex-gmacs-range"), g = this.view.max_gmacs;
    range.min = this.logMin; range.max = this.logMax;
    range.value = g === null ? this.logMax : Math.min(this.logMax, Math.max(this.logMin, log10(g)));
  };

  Explorer.prototype.fromControls = function () {
    var el = this.el, d = this.data.defaults;
    var fam = [];
    this.root.querySelectorAll("#ex-families input:checked").forEach(function (c) { fam.push(c.value); });
    var v = {
      max_gmacs: num(el("ex-gmacs").value, 1e-9, 1e6),
      max_params_m: num(el("ex-params").value, 1e-9, 1e6),
      min_top1: num(el("ex-top1").value, 0, 100),
      metric: el("ex-metric").value,
      alpha: num(el("ex-alpha").value, 0, 100), beta: num(el("ex-beta").value, 0, 100), gamma: num(el("ex-gamma").value, 0, 100),
      family: fam.sort(),
      year_min: num(el("ex-year-min").value, 1900, 2200), year_max: num(el("ex-year-max").value, 1900, 2200),
      set: el("ex-set").value,
      colour: el("ex-colour").value === "year" ? "year" : "family"
    };
    if (v.alpha === null) v.alpha = d.alpha;
    if (v.beta === null) v.beta = d.beta;
    if (v.gamma === null) v.gamma = d.gamma;
    v.mine = this.view.mine;
    v.mineIgnored = [];
    this.view = v;
  };

  Explorer.prototype.wire = function () {
    var self = this, el = this.el;
    var onChange = function () { self.fromControls(); self.update(true); };
    el("ex-gmacs").addEventListener("input", function () { onChange(); self.syncRange(); });
    ["ex-params", "ex-top1", "ex-year-min", "ex-year-max", "ex-alpha", "ex-beta", "ex-gamma"].forEach(function (id) {
      el(id).addEventListener("input", onChange);
    });
    el("ex-metric").addEventListener("change", onChange);
    el("ex-set").addEventListener("change", onChange);
    el("ex-colour").addEventListener("change", onChange);
    el("ex-families").addEventListener("change", onChange);
    el("ex-gmacs-range").addEventListener("input", function () {
      var g = Math.pow(10, Number(el("ex-gmacs-range").value));
      el("ex-gmacs").value = Number(g.toPrecision(3));
      onChange();
    });
    el("ex-families-all").addEventListener("click", function () {
      self.root.querySelectorAll("#ex-families input").forEach(function (c) { c.checked = false; });
      onChange();
    });
    el("ex-reset-weights").addEventListener("click", function () {
      var d = self.data.defaults;
      el("ex-alpha").value = d.alpha; el("ex-beta").value = d.beta; el("ex-gamma").value = d.gamma;
      onChange();
    });
    el("ex-copy").addEventListener("click", function () {
      var link = el("ex-link");
      var done = function () { el("ex-copy").textContent = "Link copied"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(link.value).then(done, function () { link.select(); });
      } else {
        link.select();
      }
    });
    el("ex-download").addEventListener("click", function () { self.download(); });
    el("ex-more").addEventListener("click", function () { self.showAll = true; self.renderTable(); });
    this.root.querySelectorAll("#ex-table thead button").forEach(function (b) {
      b.addEventListener("click", function () {
        var key = b.dataset.key;
        self.sortDir = self.sortKey === key ? -self.sortDir : (key === "name" || key === "family" ? 1 : -1);
        self.sortKey = key;
        self.renderTable();
      });
    });
  };

  Explorer.prototype.mineNets = function () {
    return (this.view.mine || []).map(function (m, i) {
      return { id: "mine-" + (i + 1), name: m.name, family: "Yours", year: "", top1: m.top1, top5: m.top5 || null,
        params_m: m.params_m, macs_g: m.macs_g, resolution: m.resolution || null, sets: [], mine: true };
    });
  };

  Explorer.prototype.rows = function () {
    var v = this.view;
    var all = this.data.networks.concat(this.mineNets()).map(function (n) { return withMetrics(n, v); });
    this.all = all;
    this.inside = rank(all.filter(function (r) { return inView(r.net, v); }), v.metric);
    return this.inside;
  };

  Explorer.prototype.update = function (writeUrl) {
    var v = this.view;
    var inside = this.rows();
    var query = viewQuery(v, this.data);
    if (writeUrl) window.history.replaceState(window.history.state, "", window.location.pathname + query);
    this.el("ex-link").value = window.location.origin + window.location.pathname + query;
    this.el("ex-copy").textContent = "Copy link";
    this.el("ex-family-count").textContent = v.family.length ? String(v.family.length) : "all";
    var n = inside.length;
    this.el("ex-count").textContent = n + (n === 1 ? " network" : " networks") + " within this budget, of " +
      this.data.networks.length + ".";
    this.el("ex-best").textContent = this.bestSentence(inside);
    this.renderTable();
    this.renderChart();
    this.renderMine();
    this.renderFigure1();
  };

  Explorer.prototype.best = function (inside) {
    var out = {};
    this.data.metrics.forEach(function (m) { out[m] = inside.length ? rank(inside, m)[0] : null; });
    return out;
  };

  Explorer.prototype.bestSentence = function (inside) {
    if (!inside.length) return "No network fits this budget.";
    var best = this.best(inside);
    var parts = this.data.metrics.map(function (m) {
      var r = best[m], info = METRIC_INFO[m];
      return "by " + info.label + ", " + r.net.name + (r.net.mine ? " (yours)" : "") + " (" + fmt(r[m], info.digits) + info.unit + ")";
    });
    return "Best within budget: " + parts.join("; ") + ".";
  };

  Explorer.prototype.sorted = function () {
    if (!this.sortKey) return this.inside;
    var key = this.sortKey, dir = this.sortDir;
    var val = function (r) { return key === "name" || key === "family" || key === "year" ? r.net[key] : r[key] !== undefined ? r[key] : r.net[key]; };
    return this.inside.slice().sort(function (a, b) {
      var x = val(a), y = val(b);
      if (x === y) return byName(a, b);
      return dir * (x < y ? -1 : 1);
    });
  };

  /* One row per network, built once and kept (by id): a redraw moves rows and rewrites only the cells whose
   * text changed (the rank; the metrics when the weights change), rather than building the table again. */
  Explorer.prototype.tableRow = function (r) {
    var cache = this.rowCache || (this.rowCache = {});
    var key = r.net.mine ? "mine:" + r.net.id + ":" + r.net.name : r.net.id;
    var tr = cache[key];
    if (tr) return tr;
    tr = cache[key] = document.createElement("tr");
    tr.dataset.id = r.net.id;
    var td = function (text, cls) {
      var c = document.createElement("td");
      c.textContent = text;
      if (cls) c.className = cls;
      tr.appendChild(c);
      return c;
    };
    td("", "num");
    var name = td("");
    if (r.net.mine) {
      tr.className = "atlas-mine";
      name.textContent = r.net.name;
      var badge = document.createElement("span");
      badge.className = "atlas-badge";
      badge.textContent = "yours";
      name.appendChild(document.createTextNode(" "));
      name.appendChild(badge);
    } else {
      var a = document.createElement("a");
      a.href = this.base + pageOf(r.net);
      a.textContent = r.net.name;
      name.appendChild(a);
    }
    td(r.net.family);
    td(String(r.net.year), "num");
    COLUMNS.forEach(function () { td("", "num"); });
    return tr;
  };

  Explorer.prototype.renderTable = function () {
    var self = this, tbody = this.el("ex-table").tBodies[0];
    var ranks = {};
    this.inside.forEach(function (r, i) { ranks[r.net.id] = i + 1; });
    var list = this.sorted();
    /* A long table is drawn in part (its layout dominates a redraw): the first rows and your networks;
     * the rest on request. */
    var shown = this.showAll ? list : list.filter(function (r, i) { return i < TABLE_ROWS || r.net.mine; });
    var more = this.el("ex-more");
    more.hidden = shown.length === list.length;
    more.textContent = "Show all " + list.length + " networks";
    var set = function (cell, text) { if (cell.textContent !== text) cell.textContent = text; };
    var rows = shown.map(function (r) {
      var tr = self.tableRow(r), cells = tr.cells;
      set(cells[0], String(ranks[r.net.id]));
      COLUMNS.forEach(function (c, k) {
        set(cells[4 + k], fmt(r[c[0]] !== undefined ? r[c[0]] : r.net[c[0]], c[1]));
      });
      return tr;
    });
    var current = tbody.rows;
    var same = current.length === rows.length && rows.every(function (tr, i) { return current[i] === tr; });
    if (!same) tbody.replaceChildren.apply(tbody, rows);
  };

  /* The ball chart. Its traces hold every network (grouped by family or imported collection, or one trace
   * coloured by year; yours apart) and change only with the colour mode, the weights (NetScore is in the
   * hover), the theme and your networks: then Plotly draws it again. The budget and the filters change
   * less: the points outside the view turn grey and faint (a class on their SVG nodes, styled in
   * atlas.css) and the Pareto front and the budget line, two layout shapes, move. A new plot of 2,000 SVG
   * points takes Plotly several hundred milliseconds on a small machine; this takes a few. */
  var OUT_COLOUR = "rgb(150,150,150)";
  var FRONT_LINE = { color: "#888888", dash: "dot", width: 2 };

  Explorer.prototype.chartKey = function () {
    var v = this.view;
    var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    return JSON.stringify([v.colour, v.alpha, v.beta, v.gamma, v.mine || [], dark]);
  };

  Explorer.prototype.figure = function () {
    var styles = this.data.styles;
    var sizeref = 2 * this.maxParams / (46 * 46);
    var hover = function (r) {
      return "<b>" + escapeHtml(r.net.name) + "</b><br>" + escapeHtml(r.net.family) + ", " + r.net.year +
        "<br>top-1 " + fmt(r.net.top1, 2) + " %<br>" + fmt(r.net.macs_g, 3) + " G-MACs<br>" +
        fmt(r.net.params_m, 2) + " M params<br>NetScore " + fmt(r.netscore, 2);
    };
    var ids = [];  /* per trace: the network id of each point, in order */
    var trace = function (name, rows, color, symbol) {
      ids.push(rows.map(function (r) { return r.net.id; }));
      return {
        type: "scatter", mode: "markers", name: escapeHtml(name),
        x: rows.map(function (r) { return r.net.macs_g; }), y: rows.map(function (r) { return r.net.top1; }),
        text: rows.map(hover), hovertemplate: "%{text}<extra></extra>",
        customdata: rows.map(function (r) { return [r.net.id, pageOf(r.net)]; }),
        marker: { size: rows.map(function (r) { return r.net.params_m; }), sizemode: "area", sizeref: sizeref, sizemin: 4,
          color: color, symbol: symbol, opacity: 0.8, line: { width: 1, color: "rgba(0,0,0,0.6)" } }
      };
    };
    var traces = [];
    var fams = {}, mine = [], imported = {};
    this.all.forEach(function (r) {
      if (r.net.mine) mine.push(r);
      else if (r.net.collection !== "curated") (imported[r.net.collection] = imported[r.net.collection] || []).push(r);
      else (fams[r.net.family] = fams[r.net.family] || []).push(r);
    });
    Object.keys(imported).sort().forEach(function (c) {
      var ti = trace(c.replace("imported:", "") + " (imported)", imported[c], "rgba(136,34,85,0.7)", "circle-open");
      ti.legendgroup = "imported";
      ti.legendgrouptitle = { text: "Imported tables" };
      traces.push(ti);
    });
    var groups = this.data.groups || {};
    var lower = function (s) { return String(s).toLowerCase(); };
    if (this.view.colour === "year") {
      /* One trace coloured by year (viridis: colour-blind-safe), the family still in the marker's shape. */
      var all = [];
      Object.keys(fams).sort().forEach(function (f) { all = all.concat(fams[f]); });
      if (all.length) {
        var ty = trace("networks (colour: year)", all, all.map(function (r) { return r.net.year; }), "circle");
        ty.marker.colorscale = "Viridis";
        ty.marker.showscale = true;
        ty.marker.colorbar = { title: { text: "Year" }, thickness: 12 };
        ty.marker.symbol = all.map(function (r) { return (styles[r.net.family] || ["", "circle"])[1]; });
        traces.push(ty);
      }
      fams = {};
    }
    Object.keys(fams).sort(function (a, b) {
      var ga = lower(groups[a] || a), gb = lower(groups[b] || b);
      if (ga !== gb) return ga < gb ? -1 : 1;
      return lower(a) < lower(b) ? -1 : (lower(a) > lower(b) ? 1 : 0);
    }).forEach(function (f) {
      var t = trace(f, fams[f], styles[f][0], styles[f][1]);
      t.legendgroup = escapeHtml(groups[f] || f);
      t.legendgrouptitle = { text: escapeHtml(groups[f] || f) };
      traces.push(t);
    });
    if (mine.length) {
      var tm = trace("Your networks", mine, "#d62728", "star");
      tm.marker.sizemin = 14;
      tm.marker.opacity = 1;
      tm.marker.line = { width: 2, color: "#000000" };
      tm.customdata = mine.map(function (r) { return [r.net.id, ""]; });
      traces.push(tm);
    }
    /* Legend entries only: what grey points mean, and the Pareto front (drawn as a layout shape). */
    traces.push({ type: "scatter", mode: "markers", name: "outside the view (grey, faint)", x: [null], y: [null],
      hoverinfo: "skip", marker: { color: OUT_COLOUR, opacity: 0.5, size: 10, symbol: "circle" } });
    traces.push({ type: "scatter", mode: "lines", name: "Pareto front (within the view)", x: [null], y: [null],
      hoverinfo: "skip", line: FRONT_LINE });
    this.traceIds = ids;
    var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    var fg = dark ? "#e3e6ef" : "#1f2430";
    return {
      data: traces,
      layout: {
        height: 520, margin: { l: 60, r: 20, t: 30, b: 55 }, hovermode: "closest",
        font: { family: "Helvetica, Arial, sans-serif", size: 13, color: fg },
        paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
        xaxis: { type: "log", title: { text: "G-MACs (log scale)" }, gridcolor: "rgba(128,128,128,0.25)",
          range: [this.logMin - 0.1, this.logMax + 0.1] },
        yaxis: { title: { text: "Top-1 accuracy (%)" }, gridcolor: "rgba(128,128,128,0.25)" },
        legend: this.view.colour === "year" ?
          { orientation: "h", x: 0, y: -0.22, yanchor: "top", itemsizing: "constant", font: { size: 11 } } :
          { itemsizing: "constant", font: { size: 11 }, groupclick: "toggleitem", tracegroupgap: 6 },
        showlegend: true,
        shapes: this.shapes()
      }
    };
  };

  /* The Pareto front of the networks in view (top-1 against MACs, a step line) and the budget line. */
  Explorer.prototype.shapes = function () {
    var shapes = [];
    var front = paretoFront(this.inside);
    if (front.length) {
      var path = "M" + front[0].net.macs_g + "," + front[0].net.top1;
      for (var i = 1; i < front.length; i++) path += "H" + front[i].net.macs_g + "V" + front[i].net.top1;
      shapes.push({ type: "path", xref: "x", yref: "y", path: path, line: FRONT_LINE, layer: "above" });
    }
    if (this.view.max_gmacs !== null) {
      shapes.push({ type: "line", xref: "x", yref: "paper", x0: this.view.max_gmacs, x1: this.view.max_gmacs, y0: 0, y1: 1,
        line: { color: "#d62728", width: 1, dash: "dash" } });
    }
    return shapes;
  };

  /* Grey and faint for the points outside the view: a class on each point's SVG node (Plotly keeps the
   * point's index in its data). Run after every Plotly draw too, since a draw restyles the nodes. */
  Explorer.prototype.fadeOutside = function () {
    var chart = this.el("ex-chart"), ids = this.traceIds || [];
    var inside = {};
    this.inside.forEach(function (r) { inside[r.net.id] = true; });
    var faint = 0;
    chart.querySelectorAll(".scatterlayer .trace").forEach(function (g) {
      var cd = g.__data__, index = cd && cd[0] && cd[0].trace ? cd[0].trace.index : -1;
      var list = ids[index];
      if (!list) return;
      g.querySelectorAll("path.point").forEach(function (node) {
        var id = list[node.__data__ ? node.__data__.i : -1];
        var out = id !== undefined && !inside[id];
        if (out) faint++;
        if (node.classList.contains("atlas-out") !== out) node.classList.toggle("atlas-out", out);
      });
    });
    chart.dataset.faint = String(faint);
  };

  Explorer.prototype.renderChart = function () {
    if (typeof Plotly === "undefined") return;
    var self = this, chart = this.el("ex-chart"), base = this.base;
    var key = this.chartKey();
    var t0 = performance.now();
    if (this.chartKeyDrawn === key && chart.data) {
      Plotly.relayout(chart, { shapes: this.shapes() });
      this.fadeOutside();
    } else {
      var fig = this.figure();
      Plotly.react(chart, fig.data, fig.layout, { responsive: true, displaylogo: false });
      this.chartKeyDrawn = key;
      this.fadeOutside();
    }
    chart.dataset.redrawMs = String(performance.now() - t0);
    chart.setAttribute("data-rendered", "true");
    chart.dataset.points = String(this.all.length);
    if (!chart.dataset.clickWired) {
      chart.dataset.clickWired = "1";
      chart.on("plotly_click", function (ev) {
        var cd = ev && ev.points && ev.points[0] && ev.points[0].customdata;
        if (cd && cd[1] && /^(networks\/[a-z0-9_]+\/|imported\/[a-z0-9_-]+\/#[a-z0-9_]+)$/.test(cd[1])) window.location.href = base + cd[1];
      });
      chart.on("plotly_afterplot", function () { self.fadeOutside(); });
    }
  };

  Explorer.prototype.wireMine = function () {
    var self = this, el = this.el, data = this.data;
    var fields = ["name", "top1", "params_m", "macs_g", "top5", "resolution"];
    el("ex-mine-add").addEventListener("click", function () {
      var values = {};
      fields.forEach(function (f) { values[f] = el("ex-mine-" + f).value; });
      var checked = checkMine(values, data);
      fields.forEach(function (f) { el("ex-mine-" + f + "-error").textContent = ""; });
      checked.errors.concat(checked.warnings).forEach(function (e) {
        var slot = el("ex-mine-" + e.field + "-error");
        slot.textContent = (slot.textContent ? slot.textContent + " " : "") + e.message;
      });
      if (checked.errors.length) return;
      self.view.mine = (self.view.mine || []).concat([checked.net]);
      fields.forEach(function (f) { el("ex-mine-" + f).value = ""; });
      self.update(true);
    });
    el("ex-mine-paste").addEventListener("click", function () {
      var lines = el("ex-mine-csv").value.split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean);
      var added = [], problems = [];
      lines.forEach(function (line, i) {
        var cells = line.split(",").map(function (c) { return c.trim(); });
        if (i === 0 && /top1/i.test(line) && !isFinite(Number(cells[1]))) return; // a header line
        var checked = checkMine({ name: cells[0], top1: cells[1], params_m: cells[2], macs_g: cells[3], top5: cells[4], resolution: cells[5] }, data);
        if (checked.errors.length) {
          problems.push("line " + (i + 1) + ": " + checked.errors.map(function (e) { return e.field + ": " + e.message; }).join("; "));
        } else {
          added.push(checked.net);
        }
      });
      el("ex-mine-csv-error").textContent = problems.join(" · ");
      if (added.length) {
        self.view.mine = (self.view.mine || []).concat(added);
        if (!problems.length) el("ex-mine-csv").value = "";
        self.update(true);
      }
    });
    el("ex-mine-scope").addEventListener("change", function () { self.renderMine(); });
    el("ex-mine-export").addEventListener("click", function () { self.exportComparison(); });
    if ((this.view.mine || []).length || (this.view.mineIgnored || []).length) el("ex-mine-box").open = true;
  };

  Explorer.prototype.scopeRows = function () {
    var scope = this.el("ex-mine-scope").value;
    var set = this.view.set;
    var reg = this.all.filter(function (r) { return !r.net.mine && inSet(r.net, set); });
    if (scope === "netscore2018") return reg.filter(function (r) { return r.net.sets.indexOf("netscore2018") >= 0; });
    if (scope === "budget") return this.inside.filter(function (r) { return !r.net.mine; });
    return reg;
  };

  var COMPARED = [["netscore", "higher", 2], ["top1", "higher", 2], ["info_density", "higher", 2],
    ["top1_per_gmac", "higher", 1], ["params_m", "lower", 2], ["macs_g", "lower", 3]];

  Explorer.prototype.comparison = function (r) {
    var others = this.scopeRows();
    var val = function (x, key) { return x[key] !== undefined ? x[key] : x.net[key]; };
    var ranks = {};
    COMPARED.forEach(function (c) {
      ranks[c[0]] = rankAgainst(val(r, c[0]), others.map(function (o) { return val(o, c[0]); }), c[1]);
    });
    var names = function (list) { return list.map(function (o) { return o.net.name; }).sort(); };
    return {
      ranks: ranks,
      dominates: names(others.filter(function (o) { return dominates(r.net, o.net); })),
      dominatedBy: names(others.filter(function (o) { return dominates(o.net, r.net); }))
    };
  };

  Explorer.prototype.renderMine = function () {
    var self = this, box = this.el("ex-mine-results");
    var ignored = (this.view.mineIgnored || []).map(function (m) {
      return "Ignored from the link: " + m.spec + " (" + m.errors.map(function (e) { return e.field + ": " + e.message; }).join("; ") + ")";
    });
    this.el("ex-mine-ignored").textContent = ignored.join(" · ");
    var mine = this.all.filter(function (r) { return r.net.mine; });
    var frag = document.createDocumentFragment();
    mine.forEach(function (r, i) {
      var c = self.comparison(r);
      var section = document.createElement("div");
      section.className = "atlas-mine-result";
      section.dataset.id = r.net.id;
      var h = document.createElement("h3");
      h.textContent = r.net.name + " (yours)";
      section.appendChild(h);
      var remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "Remove " + r.net.name;
      remove.addEventListener("click", function () {
        self.view.mine = self.view.mine.filter(function (_, j) { return j !== i; });
        self.update(true);
      });
      section.appendChild(remove);
      var table = document.createElement("table");
      table.className = "atlas-table";
      var head = table.createTHead().insertRow();
      ["Metric", "Value", "Rank", "Percentile"].forEach(function (x) { var th = document.createElement("th"); th.textContent = x; head.appendChild(th); });
      var body = table.createTBody();
      COMPARED.forEach(function (m) {
        var row = body.insertRow();
        row.dataset.metric = m[0];
        var v = r[m[0]] !== undefined ? r[m[0]] : r.net[m[0]];
        [LABELS[m[0]], fmt(v, m[2]), c.ranks[m[0]].rank + " of " + c.ranks[m[0]].count, fmt(c.ranks[m[0]].percentile, 0)].forEach(function (x) {
          row.insertCell().textContent = x;
        });
      });
      section.appendChild(table);
      var p = document.createElement("p");
      p.className = "atlas-mine-pareto";
      p.textContent = (c.dominatedBy.length ? "Not on" : "On") + " the Pareto front of top-1 against MACs. Dominates: " +
        (c.dominates.join(", ") || "none") + ". Dominated by: " + (c.dominatedBy.join(", ") || "none") + ".";
      section.appendChild(p);
      frag.appendChild(section);
    });
    box.replaceChildren(frag);
  };

  var TABLE_ROWS = 50;

  var LABELS = { netscore: "NetScore", top1: "Top-1 (%)", info_density: "Information density (%/M-params)",
    top1_per_gmac: "Accuracy per G-MAC", params_m: "Parameters (M)", macs_g: "MACs (G)" };

  /* Figure 1's three bar charts (the NetScore paper's set) with your networks added, marked. */
  Explorer.prototype.renderFigure1 = function () {
    var box = this.el("ex-figure1");
    var mine = this.all.filter(function (r) { return r.net.mine; });
    if (!mine.length || typeof Plotly === "undefined") { box.hidden = true; box.replaceChildren(); return; }
    box.hidden = false;
    var rows = this.all.filter(function (r) { return r.net.mine || r.net.sets.indexOf("netscore2018") >= 0; });
    var self = this;
    [["top1", "Top-1 accuracy (%)", 2], ["info_density", "Information density (%/M-params)", 2], ["netscore", "NetScore", 2]].forEach(function (m, i) {
      var sorted = rows.slice().sort(function (a, b) { return a[m[0]] - b[m[0]] || (a.net.name < b.net.name ? 1 : -1); });
      var div = box.children[i];
      if (!div) {
        div = document.createElement("div");
        div.className = "atlas-chart";
        div.id = "ex-figure1-" + m[0];
        div.setAttribute("role", "figure");
        div.setAttribute("aria-label", m[1] + " of the NetScore paper's networks with yours (starred)");
        box.appendChild(div);
      }
      var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
      Plotly.react(div, [{
        type: "bar", orientation: "h", textposition: "none",
        y: sorted.map(function (r) { return (r.net.mine ? "★ " : "") + escapeHtml(r.net.name); }),
        x: sorted.map(function (r) { return r[m[0]]; }),
        marker: { color: sorted.map(function (r) { return r.net.mine ? "#d62728" : (self.data.styles[r.net.family] || ["#888"])[0]; }) },
        hovertemplate: "%{y}: %{x:.2f}<extra></extra>"
      }], {
        title: { text: m[1] }, height: Math.max(320, 16 * sorted.length + 90), margin: { l: 10, r: 10, t: 40, b: 30 },
        font: { family: "Helvetica, Arial, sans-serif", size: 11, color: dark ? "#e3e6ef" : "#1f2430" },
        paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
        yaxis: { type: "category", automargin: true, tickfont: { size: 9 } }, xaxis: { gridcolor: "rgba(128,128,128,0.25)" }
      }, { responsive: true, displaylogo: false }).then(function () { div.setAttribute("data-rendered", "true"); });
    });
  };

  /* Your networks and their nearest registry rivals by MACs, with every metric and the registry version. */
  Explorer.prototype.exportComparison = function () {
    var v = this.view, version = this.data.version, self = this;
    var head = ["kind", "of", "name", "id", "top1", "params_m", "macs_g", "netscore", "info_density", "top1_per_gmac",
      "rank_netscore", "percentile_netscore", "alpha", "beta", "gamma", "registry"];
    var lines = [head.join(",")];
    var reg = this.all.filter(function (r) { return !r.net.mine; });
    this.all.filter(function (r) { return r.net.mine; }).forEach(function (r) {
      var c = self.comparison(r);
      var line = function (kind, x) {
        return [kind, r.net.name, x.net.name, x.net.mine ? "" : x.net.id, x.net.top1, x.net.params_m, x.net.macs_g,
          x.netscore.toFixed(6), x.info_density.toFixed(6), x.top1_per_gmac.toFixed(6),
          kind === "yours" ? c.ranks.netscore.rank : "", kind === "yours" ? c.ranks.netscore.percentile.toFixed(1) : "",
          v.alpha, v.beta, v.gamma, version].map(csvCell).join(",");
      };
      lines.push(line("yours", r));
      reg.slice().sort(function (a, b) {
        return Math.abs(log10(a.net.macs_g / r.net.macs_g)) - Math.abs(log10(b.net.macs_g / r.net.macs_g)) || (a.net.id < b.net.id ? -1 : 1);
      }).slice(0, 6).forEach(function (o) { lines.push(line("rival", o)); });
    });
    saveText(lines.join("\n") + "\n", "netscore-atlas-comparison.csv");
  };

  function saveText(text, filename) {
    var blob = new Blob([text], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  function csvCell(x) {
    var s = String(x === null || x === undefined ? "" : x);
    if (/^[=+\-@]/.test(s)) s = "'" + s; // never a formula in a spreadsheet
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  Explorer.prototype.csv = function () {
    var v = this.view, version = this.data.version;
    var head = ["rank", "id", "name", "family", "year", "top1", "top5", "params_m", "macs_g", "netscore", "info_density",
      "top1_per_gmac", "alpha", "beta", "gamma", "registry"];
    var lines = [head.join(",")];
    this.inside.forEach(function (r, i) {
      lines.push([i + 1, r.net.mine ? "" : r.net.id, r.net.name + (r.net.mine ? " (yours)" : ""), r.net.family, r.net.year, r.net.top1, r.net.top5 === null ? "" : r.net.top5,
        r.net.params_m, r.net.macs_g, r.netscore.toFixed(6), r.info_density.toFixed(6), r.top1_per_gmac.toFixed(6),
        v.alpha, v.beta, v.gamma, version].map(csvCell).join(","));
    });
    return lines.join("\n") + "\n";
  };

  Explorer.prototype.download = function () {
    saveText(this.csv(), "netscore-atlas-view.csv");
  };

  function init() {
    var root = document.getElementById("atlas-explorer");
    if (!root || root.dataset.started) return;
    root.dataset.started = "1";
    window.atlasExplorer = new Explorer(root);
  }

  window.atlasExplorerLib = { netscore: netscore, parseView: parseView, viewQuery: viewQuery, rank: rank, paretoFront: paretoFront };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

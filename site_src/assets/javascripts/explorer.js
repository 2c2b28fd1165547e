/* NetScore Atlas: the MAC-budget explorer's view.
 *
 * The page embeds the payload (data-explorer, JSON): the registry's raw values and `spec`, what Python declares
 * about metrics, weights, limits, sets and the view's URL parameters. Every computation is AtlasCore's
 * (explorer-core.js: pure, tested in Node against Python's golden cases); this file reads the controls, keeps
 * the view in the URL (a link reproduces it) and draws the notes, the table, the chart and your networks.
 * Registry text reaches the page only through textContent (never innerHTML) and, in chart hovers, HTML-escaped.
 *
 * To add a control:
 *   1. netscore_atlas/explorer.py: its URL parameter in VIEW_PARAMS (name, kind, range or choices, default).
 *      AtlasCore parses and writes it from the spec; nothing to add here for the URL.
 *   2. If it selects networks: Selection.admits (netscore_atlas/selection.py) and AtlasCore.admits, with a
 *      query using it in tests/explorer_cases.py (QUERIES) so that both are held together.
 *   3. templates/explorer.md.j2: the element, with an id; then one line in CONTROLS below.
 *   4. A sentence about the view: one line in NOTES below (an element id and a function of the explorer).
 */
(function () {
  "use strict";

  var core = window.AtlasCore;

  /* Controls bound one to one to a URL parameter of spec.params: the element's value is the parameter's text.
   * The families (checkboxes) and your networks (a form) have code of their own below. */
  var CONTROLS = [
    { param: "max_gmacs", id: "ex-gmacs", event: "input" },
    { param: "max_params_m", id: "ex-params", event: "input" },
    { param: "min_top1", id: "ex-top1", event: "input" },
    { param: "year_min", id: "ex-year-min", event: "input" },
    { param: "year_max", id: "ex-year-max", event: "input" },
    { param: "metric", id: "ex-metric", event: "change" },
    { param: "set", id: "ex-set", event: "change" },
    { param: "colour", id: "ex-colour", event: "change" },
    { param: "alpha", id: "ex-alpha", event: "input" },
    { param: "beta", id: "ex-beta", event: "input" },
    { param: "gamma", id: "ex-gamma", event: "input" },
    { param: "device", id: "ex-device", event: "change" },  /* the device controls exist when the registry has devices */
    { param: "max_latency_ms", id: "ex-latency", event: "input" },
    { param: "min_throughput", id: "ex-throughput", event: "input" }
  ];

  /* Sentences about the view, rewritten on every update: element id -> text. */
  var NOTES = [
    { id: "ex-count", text: function (ex) {
      var n = ex.inside.length;
      return n + (n === 1 ? " network" : " networks") + " within this budget, of " + ex.data.networks.length + ".";
    } },
    { id: "ex-best", text: function (ex) { return core.bestSentence(ex.spec, ex.inside, ex.device()); } },
    { id: "ex-device-note", text: function (ex) {
      var d = ex.device();
      if (!d) return "timm's measurements of its implementations; a device keeps the networks measured on it (exact matches).";
      return "On the " + d.name + ": " + (d.measure === "latency" ? "latency per image" : "throughput") + ", " + d.conditions +
        " (" + d.source + "). Only networks measured on it are kept" + (ex.view.mine.length ? "; yours have no measured speed" : "") + ".";
    } },
    { id: "ex-family-count", text: function (ex) { return ex.view.family.length ? String(ex.view.family.length) : "all"; } }
  ];

  var TABLE_ROWS = 50;  /* a long table shows its first rows (and your networks) until asked for all */

  function isDark() { return document.body.getAttribute("data-md-color-scheme") === "slate"; }

  /* Where a network's page is: its own, or its row on an imported collection's page. */
  function pageOf(spec, net) {
    if (!core.inSet(spec, net, spec.sets.curated)) return "imported/" + net.collection.split(":")[1] + "/#" + net.id;
    return "networks/" + net.id + "/";
  }

  function saveText(text, filename) {
    var blob = new Blob([text], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  function csvLines(head, rows) {
    return [head.join(",")].concat(rows.map(function (r) { return r.map(core.csvCell).join(","); })).join("\n") + "\n";
  }

  /* A metric's value for a CSV: six decimals, as the site's data downloads round them. */
  function six(x) { return x === null ? null : Number(x.toFixed(6)); }

  /* ---- the explorer ----------------------------------------------------------------------------------------- */

  function Explorer(root) {
    this.root = root;
    this.data = JSON.parse(root.dataset.explorer);
    this.spec = this.data.spec;
    this.params = {};
    var self = this;
    this.spec.params.forEach(function (p) { self.params[p.name] = p; });
    this.families = Object.keys(this.data.styles).sort(core.compareText);
    this.base = root.dataset.base || "";
    this.el = function (id) { return root.querySelector("#" + id); };
    this.devices = this.data.devices || [];
    this.controls = CONTROLS.filter(function (c) { return root.querySelector("#" + c.id); });  /* no devices: no device controls */
    this.sortKey = null;
    this.sortDir = 1;
    var macs = this.data.networks.map(function (n) { return n.macs_g; });
    this.logMin = Math.floor(Math.log10(Math.min.apply(null, macs.concat([1]))) * 10) / 10;
    this.logMax = Math.ceil(Math.log10(Math.max.apply(null, macs.concat([1]))) * 10) / 10;
    this.maxParams = Math.max.apply(null, this.data.networks.map(function (n) { return n.params_m; }).concat([1]));
    this.buildFamilies();
    this.view = core.parseView(this.spec, window.location.search, this.families, this.devices);
    this.toControls();
    this.wire();
    this.wireMine();
    this.update(false);
  }

  Explorer.prototype.buildFamilies = function () {
    var box = this.el("ex-families");
    this.families.forEach(function (f, i) {
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

  /* The payload's entry of the view's device, or null. */
  Explorer.prototype.device = function () { return this.view.device === null ? null : core.deviceOf(this.devices, this.view.device); };

  /* Only the bound that fits the device's measure is shown: a latency and a throughput are not interchangeable. */
  Explorer.prototype.syncDevice = function () {
    var d = this.device(), lat = this.el("ex-latency-box"), thr = this.el("ex-throughput-box");
    if (lat) lat.hidden = !d || d.measure !== "latency";
    if (thr) thr.hidden = !d || d.measure !== "throughput";
  };

  Explorer.prototype.toControls = function () {
    var v = this.view, el = this.el;
    this.controls.forEach(function (c) { el(c.id).value = v[c.param] === null ? "" : v[c.param]; });
    this.syncDevice();
    this.syncRange();
    this.root.querySelectorAll("#ex-families input").forEach(function (c) { c.checked = v.family.indexOf(c.value) >= 0; });
  };

  /* The slider shows the MAC budget on a log scale; at its right end when there is none. */
  Explorer.prototype.syncRange = function () {
    var range = this.el("ex-gmacs-range"), g = this.view.max_gmacs;
    range.min = this.logMin; range.max = this.logMax;
    range.value = g === null ? this.logMax : Math.min(this.logMax, Math.max(this.logMin, Math.log10(g)));
  };

  /* The view the controls show: each control's text read as its URL parameter would be. */
  Explorer.prototype.fromControls = function () {
    var self = this, el = this.el, v = { device: null, max_latency_ms: null, min_throughput: null };
    this.controls.forEach(function (c) {
      v[c.param] = core.parseParam(self.spec, self.params[c.param], [el(c.id).value], self.families, [], self.devices);
    });
    var fam = [];
    this.root.querySelectorAll("#ex-families input:checked").forEach(function (c) { fam.push(c.value); });
    v.family = core.parseParam(this.spec, this.params.family, fam, this.families, []);
    v.mine = this.view.mine;
    v.mine_ignored = [];
    this.view = core.fitSpeed(this.spec, v, this.devices);
    this.syncDevice();
  };

  Explorer.prototype.wire = function () {
    var self = this, el = this.el;
    var onChange = function () { self.fromControls(); self.update(true); };
    this.controls.forEach(function (c) { el(c.id).addEventListener(c.event, onChange); });
    el("ex-gmacs").addEventListener("input", function () { self.syncRange(); });
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
      ["alpha", "beta", "gamma"].forEach(function (w) { el("ex-" + w).value = self.params[w].default; });
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
    el("ex-download").addEventListener("click", function () { saveText(self.csv(), "netscore-atlas-view.csv"); });
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

  Explorer.prototype.update = function (writeUrl) {
    var self = this;
    var rows = core.viewRows(this.spec, this.data.networks.concat(this.view.mine.map(core.mineNetwork)), this.view);
    this.all = rows.all;
    this.inside = rows.inside;
    this.ranks = new Map();
    rows.inside.forEach(function (r, i) { self.ranks.set(r.net.id, rows.ranks[i]); });
    var query = core.viewQuery(this.spec, this.view);
    if (writeUrl) window.history.replaceState(window.history.state, "", window.location.pathname + query);
    this.el("ex-link").value = window.location.origin + window.location.pathname + query;
    this.el("ex-copy").textContent = "Copy link";
    NOTES.forEach(function (n) { var e = self.el(n.id); if (e) e.textContent = n.text(self); });
    this.renderTable();
    this.renderChart();
    this.renderMine();
    this.renderFigure1();
  };

  /* ---- the table ---------------------------------------------------------------------------------------------- */

  function cellValue(r, key, device) {
    if (key === "speed") { var v = device ? core.get(r.net.speed, device.key) : null; return v === undefined ? null : v; }
    return key === "name" || key === "family" || key === "year" ? r.net[key] : r[key];
  }

  Explorer.prototype.sorted = function () {
    if (!this.sortKey) return this.inside;
    var key = this.sortKey, dir = this.sortDir, device = this.device();
    if (key === "speed" && !device) return this.inside;
    return this.inside.slice().sort(function (a, b) {
      var x = cellValue(a, key, device), y = cellValue(b, key, device);
      if (x === y) return core.compareText(a.net.name, b.net.name);
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return dir * (typeof x === "string" ? core.compareText(x, y) : (x < y ? -1 : 1));
    });
  };

  /* One row per network, built once and kept (by id): a redraw moves rows and rewrites only the cells whose
   * text changed (the rank; the metrics when the weights change), rather than building the table again. */
  Explorer.prototype.tableRow = function (r) {
    var cache = this.rowCache || (this.rowCache = new Map());
    var key = r.net.mine ? "mine:" + r.net.id + ":" + r.net.name : r.net.id;
    var tr = cache.get(key);
    if (tr) return tr;
    tr = document.createElement("tr");
    cache.set(key, tr);
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
      a.href = this.base + pageOf(this.spec, r.net);
      a.textContent = r.net.name;
      name.appendChild(a);
    }
    td(r.net.family);
    td(r.net.year === null || r.net.year === undefined ? "" : String(r.net.year), "num");
    this.spec.table.forEach(function () { td("", "num"); });
    td("", "num").hidden = true;  /* the speed on the view's device */
    return tr;
  };

  Explorer.prototype.renderTable = function () {
    var self = this, spec = this.spec, tbody = this.el("ex-table").tBodies[0];
    var list = this.sorted();
    var shown = this.showAll ? list : list.filter(function (r, i) { return i < TABLE_ROWS || r.net.mine; });
    var more = this.el("ex-more");
    more.hidden = shown.length === list.length;
    more.textContent = "Show all " + list.length + " networks";
    var set = function (cell, text) { if (cell.textContent !== text) cell.textContent = text; };
    var device = this.device(), speedAt = 4 + spec.table.length, head = this.el("ex-speed-head");
    head.hidden = !device;
    if (device) set(head.querySelector("button"), (device.measure === "latency" ? "Latency" : "Throughput") + " on the " + device.label + " (" + device.unit + ")");
    var rows = shown.map(function (r) {
      var tr = self.tableRow(r), cells = tr.cells;
      set(cells[0], String(self.ranks.get(r.net.id)));
      spec.table.forEach(function (key, k) { set(cells[4 + k], core.fmt(r[key], spec.metrics[key].digits)); });
      cells[speedAt].hidden = !device;
      if (device) set(cells[speedAt], core.fmt(cellValue(r, "speed", device), device.measure === "latency" ? 2 : 0));
      return tr;
    });
    var current = tbody.rows;
    var same = current.length === rows.length && rows.every(function (tr, i) { return current[i] === tr; });
    if (!same) tbody.replaceChildren.apply(tbody, rows);
  };

  /* The view as CSV: the table's rows in rank order, with the weights and the registry version. */
  Explorer.prototype.csv = function () {
    var v = this.view, version = this.data.version, ranks = this.ranks;
    var device = this.device();
    var head = ["rank", "id", "name", "family", "year", "top1", "top5", "params_m", "macs_g", "netscore", "info_density",
      "top1_per_gmac", "alpha", "beta", "gamma", "device", "speed", "speed_unit", "registry"];
    return csvLines(head, this.inside.map(function (r) {
      return [ranks.get(r.net.id), r.net.mine ? "" : r.net.id, r.net.name + (r.net.mine ? " (yours)" : ""), r.net.family,
        r.net.year, r.net.top1, r.net.top5, r.net.params_m, r.net.macs_g, six(r.netscore), six(r.info_density),
        six(r.top1_per_gmac), v.alpha, v.beta, v.gamma, device ? device.key : null, cellValue(r, "speed", device),
        device ? device.unit : null, version];
    }));
  };

  /* ---- the ball chart ------------------------------------------------------------------------------------------
   * Its traces hold every network (grouped by family or imported collection, or one trace coloured by year; yours
   * apart) and change only with the colour mode, the weights (NetScore is in the hover), the theme and your
   * networks: then Plotly draws it again. The budget and the filters change less: the points outside the view turn
   * grey and faint (a class on their SVG nodes, styled in atlas.css) and the Pareto front and the budget line, two
   * layout shapes, move. A new plot of 2,000 SVG points takes Plotly several hundred milliseconds on a small
   * machine; this takes a few. */
  var OUT_COLOUR = "rgb(150,150,150)";
  var FRONT_LINE = { color: "#888888", dash: "dot", width: 2 };

  Explorer.prototype.chartKey = function () {
    var v = this.view;
    return JSON.stringify([v.colour, v.alpha, v.beta, v.gamma, v.mine, isDark()]);
  };

  Explorer.prototype.figure = function () {
    var spec = this.spec, styles = this.data.styles, groups = this.data.groups || {};
    var sizeref = 2 * this.maxParams / (46 * 46);
    var ids = [];  /* per trace: the network id of each point, in order */
    var trace = function (name, rows, color, symbol) {
      ids.push(rows.map(function (r) { return r.net.id; }));
      return {
        type: "scatter", mode: "markers", name: core.escapeHtml(name),
        x: rows.map(function (r) { return r.net.macs_g; }), y: rows.map(function (r) { return r.net.top1; }),
        text: rows.map(core.hoverText), hovertemplate: "%{text}<extra></extra>",
        customdata: rows.map(function (r) { return [r.net.id, pageOf(spec, r.net)]; }),
        marker: { size: rows.map(function (r) { return r.net.params_m; }), sizemode: "area", sizeref: sizeref, sizemin: 4,
          color: color, symbol: symbol, opacity: 0.8, line: { width: 1, color: "rgba(0,0,0,0.6)" } }
      };
    };
    var traces = [];
    var fams = new Map(), mine = [], imported = new Map();
    var push = function (map, key, r) { if (!map.has(key)) map.set(key, []); map.get(key).push(r); };
    this.all.forEach(function (r) {
      if (r.net.mine) mine.push(r);
      else if (r.net.collection !== "curated") push(imported, r.net.collection, r);
      else push(fams, r.net.family, r);
    });
    Array.from(imported.keys()).sort(core.compareText).forEach(function (c) {
      var ti = trace(c.replace("imported:", "") + " (imported)", imported.get(c), "rgba(136,34,85,0.7)", "circle-open");
      ti.legendgroup = "imported";
      ti.legendgrouptitle = { text: "Imported tables" };
      traces.push(ti);
    });
    var group = function (f) { return core.get(groups, f) || f; };
    var lower = function (s) { return String(s).toLowerCase(); };
    var familyNames = Array.from(fams.keys()).sort(function (a, b) {
      return core.compareText(lower(group(a)), lower(group(b))) || core.compareText(lower(a), lower(b));
    });
    if (this.view.colour === "year") {
      /* One trace coloured by year (viridis: colour-blind-safe), the family still in the marker's shape. */
      var all = [];
      Array.from(fams.keys()).sort(core.compareText).forEach(function (f) { all = all.concat(fams.get(f)); });
      if (all.length) {
        var ty = trace("networks (colour: year)", all, all.map(function (r) { return r.net.year; }), "circle");
        ty.marker.colorscale = "Viridis";
        ty.marker.showscale = true;
        ty.marker.colorbar = { title: { text: "Year" }, thickness: 12 };
        ty.marker.symbol = all.map(function (r) { return (core.get(styles, r.net.family) || ["", "circle"])[1]; });
        traces.push(ty);
      }
      familyNames = [];
    }
    familyNames.forEach(function (f) {
      var style = core.get(styles, f) || ["#888888", "circle"];
      var t = trace(f, fams.get(f), style[0], style[1]);
      t.legendgroup = core.escapeHtml(group(f));
      t.legendgrouptitle = { text: core.escapeHtml(group(f)) };
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
    return {
      data: traces,
      layout: {
        height: 520, margin: { l: 60, r: 20, t: 30, b: 55 }, hovermode: "closest",
        font: { family: "Helvetica, Arial, sans-serif", size: 13, color: isDark() ? "#e3e6ef" : "#1f2430" },
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
    var shapes = [], byId = new Map();
    this.inside.forEach(function (r) { byId.set(r.net.id, r.net); });
    var front = core.paretoFront(this.inside.map(function (r) { return r.net; })).map(function (id) { return byId.get(id); });
    if (front.length) {
      var path = "M" + front[0].macs_g + "," + front[0].top1;
      for (var i = 1; i < front.length; i++) path += "H" + front[i].macs_g + "V" + front[i].top1;
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
    var inside = new Set(this.inside.map(function (r) { return r.net.id; }));
    var faint = 0;
    chart.querySelectorAll(".scatterlayer .trace").forEach(function (g) {
      var cd = g.__data__, index = cd && cd[0] && cd[0].trace ? cd[0].trace.index : -1;
      var list = ids[index];
      if (!list) return;
      g.querySelectorAll("path.point").forEach(function (node) {
        var id = list[node.__data__ ? node.__data__.i : -1];
        var out = id !== undefined && !inside.has(id);
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
    } else {
      var fig = this.figure();
      Plotly.react(chart, fig.data, fig.layout, { responsive: true, displaylogo: false });
      this.chartKeyDrawn = key;
    }
    this.fadeOutside();
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

  /* ---- your networks -------------------------------------------------------------------------------------------- */

  var MINE_FIELDS = ["name", "top1", "params_m", "macs_g", "top5", "resolution"];

  Explorer.prototype.addMine = function (nets) {
    this.view.mine = this.view.mine.concat(nets);
    this.update(true);
  };

  Explorer.prototype.wireMine = function () {
    var self = this, el = this.el, spec = this.spec;
    el("ex-mine-add").addEventListener("click", function () {
      var values = {};
      MINE_FIELDS.forEach(function (f) { values[f] = el("ex-mine-" + f).value; });
      var checked = core.checkMine(spec, values);
      MINE_FIELDS.forEach(function (f) { el("ex-mine-" + f + "-error").textContent = ""; });
      checked.errors.concat(checked.warnings).forEach(function (e) {
        var slot = el("ex-mine-" + e.field + "-error");
        slot.textContent = (slot.textContent ? slot.textContent + " " : "") + e.message;
      });
      if (checked.errors.length) return;
      MINE_FIELDS.forEach(function (f) { el("ex-mine-" + f).value = ""; });
      self.addMine([checked.net]);
    });
    el("ex-mine-paste").addEventListener("click", function () {
      var lines = el("ex-mine-csv").value.split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean);
      var added = [], problems = [];
      lines.forEach(function (line, i) {
        var cells = line.split(",").map(function (c) { return c.trim(); });
        if (i === 0 && /top1/i.test(line) && !isFinite(Number(cells[1]))) return; /* a header line */
        var fields = {};
        MINE_FIELDS.forEach(function (f, k) { fields[f] = cells[k]; });
        var checked = core.checkMine(spec, fields);
        if (checked.errors.length) {
          problems.push("line " + (i + 1) + ": " + checked.errors.map(function (e) { return e.field + ": " + e.message; }).join("; "));
        } else {
          added.push(checked.net);
        }
      });
      el("ex-mine-csv-error").textContent = problems.join(" · ");
      if (added.length) {
        if (!problems.length) el("ex-mine-csv").value = "";
        self.addMine(added);
      }
    });
    el("ex-mine-scope").addEventListener("change", function () { self.renderMine(); });
    el("ex-mine-export").addEventListener("click", function () { saveText(self.comparisonCsv(), "netscore-atlas-comparison.csv"); });
    if (this.view.mine.length || this.view.mine_ignored.length) el("ex-mine-box").open = true;
  };

  /* The registry's rows your networks are ranked against: the 'Rank against' menu. */
  Explorer.prototype.scopeRows = function () {
    return core.scopeRows(this.spec, this.el("ex-mine-scope").value, this.all, this.inside, this.view.set);
  };

  Explorer.prototype.renderMine = function () {
    var self = this, spec = this.spec, box = this.el("ex-mine-results");
    this.el("ex-mine-ignored").textContent = this.view.mine_ignored.map(function (m) {
      return "Ignored from the link: " + m.spec + " (" + m.errors.map(function (e) { return e.field + ": " + e.message; }).join("; ") + ")";
    }).join(" · ");
    var others = this.scopeRows();
    var frag = document.createDocumentFragment();
    this.all.filter(function (r) { return r.net.mine; }).forEach(function (r, i) {
      var c = core.compare(spec, r, others);
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
      spec.compared.forEach(function (key) {
        var row = body.insertRow();
        row.dataset.metric = key;
        [core.columnLabel(spec, key), core.fmt(r[key], spec.metrics[key].digits), c.ranks[key].rank + " of " + c.count,
          core.fmt(c.ranks[key].percentile, 0)].forEach(function (x) { row.insertCell().textContent = x; });
      });
      section.appendChild(table);
      var p = document.createElement("p");
      p.className = "atlas-mine-pareto";
      p.textContent = (c.pareto ? "On" : "Not on") + " the Pareto front of top-1 against MACs. Dominates: " +
        (c.dominates.join(", ") || "none") + ". Dominated by: " + (c.dominated_by.join(", ") || "none") + ".";
      section.appendChild(p);
      frag.appendChild(section);
    });
    box.replaceChildren(frag);
  };

  /* Your networks and their nearest rivals by MACs among the rows they are ranked against, with every metric. */
  Explorer.prototype.comparisonCsv = function () {
    var v = this.view, spec = this.spec, version = this.data.version;
    var head = ["kind", "of", "name", "id", "top1", "params_m", "macs_g", "netscore", "info_density", "top1_per_gmac",
      "rank_netscore", "percentile_netscore", "alpha", "beta", "gamma", "registry"];
    var others = this.scopeRows(), byId = new Map(), lines = [];
    others.forEach(function (o) { byId.set(o.net.id, o); });
    this.all.filter(function (r) { return r.net.mine; }).forEach(function (r) {
      var c = core.compare(spec, r, others);
      var line = function (kind, x) {
        return [kind, r.net.name, x.net.name, x.net.mine ? "" : x.net.id, x.net.top1, x.net.params_m, x.net.macs_g,
          six(x.netscore), six(x.info_density), six(x.top1_per_gmac),
          kind === "yours" ? c.ranks.netscore.rank : null, kind === "yours" ? Number(c.ranks.netscore.percentile.toFixed(1)) : null,
          v.alpha, v.beta, v.gamma, version];
      };
      lines.push(line("yours", r));
      core.rivals(r.net, others.map(function (o) { return o.net; }), spec.rivals).forEach(function (n) { lines.push(line("rival", byId.get(n.id))); });
    });
    return csvLines(head, lines);
  };

  /* Figure 1's three bar charts (the NetScore paper's set) with your networks added, marked. */
  Explorer.prototype.renderFigure1 = function () {
    var box = this.el("ex-figure1"), spec = this.spec, styles = this.data.styles;
    var mine = this.all.filter(function (r) { return r.net.mine; });
    if (!mine.length || typeof Plotly === "undefined") { box.hidden = true; box.replaceChildren(); return; }
    box.hidden = false;
    var rows = this.all.filter(function (r) { return r.net.mine || core.inSet(spec, r.net, spec.sets.paper); });
    spec.figure1.forEach(function (key, i) {
      var label = core.columnLabel(spec, key);
      /* Plotly draws the first category at the bottom: ascending, the best at the top. */
      var sorted = core.ranked(spec, rows, key).reverse();
      var div = box.children[i];
      if (!div) {
        div = document.createElement("div");
        div.className = "atlas-chart";
        div.id = "ex-figure1-" + key;
        div.setAttribute("role", "figure");
        div.setAttribute("aria-label", label + " of the NetScore paper's networks with yours (starred)");
        box.appendChild(div);
      }
      Plotly.react(div, [{
        type: "bar", orientation: "h", textposition: "none",
        y: sorted.map(function (r) { return (r.net.mine ? "★ " : "") + core.escapeHtml(r.net.name); }),
        x: sorted.map(function (r) { return r[key]; }),
        marker: { color: sorted.map(function (r) { return r.net.mine ? "#d62728" : (core.get(styles, r.net.family) || ["#888"])[0]; }) },
        hovertemplate: "%{y}: %{x:." + spec.metrics[key].digits + "f}<extra></extra>"
      }], {
        title: { text: label }, height: Math.max(320, 16 * sorted.length + 90), margin: { l: 10, r: 10, t: 40, b: 30 },
        font: { family: "Helvetica, Arial, sans-serif", size: 11, color: isDark() ? "#e3e6ef" : "#1f2430" },
        paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
        yaxis: { type: "category", automargin: true, tickfont: { size: 9 } }, xaxis: { gridcolor: "rgba(128,128,128,0.25)" }
      }, { responsive: true, displaylogo: false }).then(function () { div.setAttribute("data-rendered", "true"); });
    });
  };

  function init() {
    var root = document.getElementById("atlas-explorer");
    if (!root || root.dataset.started) return;
    root.dataset.started = "1";
    window.atlasExplorer = new Explorer(root);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

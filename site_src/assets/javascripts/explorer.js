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
 *   3. templates/explorer.md.j2: the element, with an id; then one line in CONTROLS below (CHECK_GROUPS for a
 *      group of checkboxes of a repeated parameter).
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

  /* Groups of checkboxes bound to a repeated URL parameter of kind 'choices' (each box's value is one choice;
   * none ticked: the parameter's default, all). */
  var CHECK_GROUPS = [
    { param: "training", id: "ex-training" }
  ];

  /* Sentences about the view, rewritten on every update: element id -> text. */
  var NOTES = [
    { id: "ex-count", text: function (ex) { return core.countSentence(ex.spec, ex.view, ex.all, ex.inside, ex.devices); } },
    { id: "ex-best", text: function (ex) { return core.bestSentence(ex.spec, ex.inside, ex.device()); } },
    { id: "ex-device-note", text: function (ex) {
      var d = ex.device();
      if (!d) return "timm's measurements of its implementations; a device keeps the networks measured on it (exact matches).";
      return "On the " + d.name + ": " + (d.measure === "latency" ? "latency per image" : "throughput") + ", " + d.conditions +
        " (" + d.source + "). Only networks measured on it are kept" + (ex.view.mine.length ? "; yours have no measured speed" : "") + ".";
    } },
    { id: "ex-family-count", text: function (ex) { return ex.view.family.length ? String(ex.view.family.length) : "all"; } }
  ];

  /* Parameters of the address the page reads itself, beside the view's (find a network). */
  var OTHERS = ["highlight"];

  /* History: each change of the view is an entry of its own, so the back button undoes it; a run of input in one box
   * or on the slider (each event within TYPING_MS of the last) updates the entry it made. */
  var TYPING_MS = 1500;

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
    this.view = core.parseView(this.spec, window.location.search, this.families, OTHERS, this.devices);
    this.controlIgnored = [];
    this.lastSource = null;
    this.lastTime = 0;
    this.entryBy = null;  /* the box whose run of input made the current history entry */
    this.wireNotes();
    this.toControls();
    this.wire();
    this.wireMine();
    this.wireFind();
    this.update(false);
  }

  /* A note after each control, for a value typed there that the view does not take (the address's notes are above
   * the form: #ex-notes). */
  Explorer.prototype.wireNotes = function () {
    var el = this.el;
    this.controls.forEach(function (c) {
      var input = el(c.id), note = document.createElement("span");
      note.id = c.id + "-note";
      note.className = "atlas-error atlas-control-note";
      note.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", note);
      input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + note.id).trim());
    });
  };

  /* What the view ignored, said where it came from: the address (view.ignored, above the form, until a change writes
   * a clean address) and each control (the value typed there). */
  Explorer.prototype.renderNotes = function () {
    var el = this.el, notes = el("ex-notes"), text = core.ignoredNote(this.view.ignored);
    notes.textContent = text;
    notes.hidden = !text;
    var byParam = {};
    this.controlIgnored.forEach(function (i) { byParam[i.param] = i; });
    this.controls.forEach(function (c) {
      var i = core.get(byParam, c.param), input = el(c.id), note = el(c.id + "-note");
      note.textContent = i ? i.value + " ignored: " + i.reason : "";
      if (i) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    });
  };

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
    CHECK_GROUPS.forEach(function (g) {
      el(g.id).querySelectorAll("input[type=checkbox]").forEach(function (c) { c.checked = v[g.param].indexOf(c.value) >= 0; });
    });
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
    var ignored = [];
    this.controls.forEach(function (c) {
      v[c.param] = core.parseParam(self.spec, self.params[c.param], [el(c.id).value], self.families, ignored, self.devices);
    });
    var fam = [];
    this.root.querySelectorAll("#ex-families input:checked").forEach(function (c) { fam.push(c.value); });
    v.family = core.parseParam(this.spec, this.params.family, fam, this.families, []);
    CHECK_GROUPS.forEach(function (g) {
      var ticked = [];
      el(g.id).querySelectorAll("input[type=checkbox]:checked").forEach(function (c) { ticked.push(c.value); });
      v[g.param] = core.parseParam(self.spec, self.params[g.param], ticked, self.families, []);
    });
    v.mine = this.view.mine;
    v.ignored = [];
    this.controlIgnored = ignored;
    v.mine_left_out = this.view.mine_left_out;
    this.view = core.fitSpeed(this.spec, v, this.devices);
    this.syncDevice();
  };

  Explorer.prototype.wire = function () {
    var self = this, el = this.el;
    var onChange = function (source) { self.fromControls(); self.update(true, typeof source === "string" ? source : null); };
    this.controls.forEach(function (c) { el(c.id).addEventListener(c.event, function () { onChange(c.event === "input" ? c.id : null); }); });
    el("ex-gmacs").addEventListener("input", function () { self.syncRange(); });
    el("ex-families").addEventListener("change", onChange);
    CHECK_GROUPS.forEach(function (g) { el(g.id).addEventListener("change", onChange); });
    el("ex-gmacs-range").addEventListener("input", function () {
      var g = Math.pow(10, Number(el("ex-gmacs-range").value));
      el("ex-gmacs").value = Number(g.toPrecision(3));
      onChange("ex-gmacs-range");
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

  /* Write the view into the address: a new history entry, or (input going on in the same box) the current one. */
  Explorer.prototype.commit = function (query, source) {
    var url = window.location.pathname + query, now = Date.now();
    var typing = source !== null && source === this.lastSource && now - this.lastTime < TYPING_MS;
    if (!typing) this.entryBy = null;
    if (url !== window.location.pathname + window.location.search) {
      /* replace only an entry this run of input made: keystrokes that changed nothing yet ("0", "0.") made none */
      if (typing && this.entryBy === source) window.history.replaceState(window.history.state, "", url);
      else window.history.pushState(null, "", url);
      this.entryBy = source;
    }
    this.lastSource = source;
    this.lastTime = now;
  };

  /* Back or forward to another view of this page: show the view the address holds now, with its notes. */
  Explorer.prototype.readUrl = function () {
    this.view = core.parseView(this.spec, window.location.search, this.families, OTHERS, this.devices);
    if (this.readHighlight) this.readHighlight();
    this.controlIgnored = [];
    this.lastSource = null;
    this.entryBy = null;
    this.toControls();
    this.update(false);
  };

  /* Draw the view; `write`: a change by the user, written into the address (`source`: the box typed in, or null). */
  Explorer.prototype.update = function (write, source) {
    var self = this, v = this.view;
    /* The metrics change only with the weights and your networks: a budget or a filter only selects again. */
    var key = JSON.stringify([v.alpha, v.beta, v.gamma, v.mine]);
    if (key !== this.rowsKey) {
      this.rowsKey = key;
      this.allRows = core.rowsAt(this.spec, this.data.networks.concat(v.mine.map(core.mineNetwork)), v);
    }
    var rows = core.selectRows(this.spec, this.allRows, v);
    this.all = rows.all;
    this.inside = rows.inside;
    this.ranks = new Map();
    rows.inside.forEach(function (r, i) { self.ranks.set(r.net.id, rows.ranks[i]); });
    var query = core.viewQuery(this.spec, this.view);
    if ((this.highlight || []).length) query += (query ? "&" : "?") + "highlight=" + this.highlight.join(",");
    if (write) {
      this.commit(query, source === undefined ? null : source);
      this.view.ignored = [];  /* the address is written clean: what it held is gone */
    }
    this.renderNotes();
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
   * Its traces hold every network of the chosen set (grouped by family, or one trace coloured by year; imported
   * tables only when the set includes them; yours apart) and change only with the set, the colour mode, the weights
   * (NetScore is in the hover), the theme, the width range and your networks: then Plotly draws it again. The budget
   * and the filters change less: the points outside the view turn grey and faint (a class on their SVG nodes,
   * styled in atlas.css), and the Pareto front, the budget line and the labels (of the view's front, your networks
   * and the ones you look for) move, in one relayout. A new plot of 2,000 SVG points takes Plotly several hundred
   * milliseconds on a small machine; this takes a few. Colours, marker shapes and the ball scale are style.py's
   * (payload.styles, payload.chart); the key below the chart is HTML (templates/_key.html.j2). */

  /* The chart's layout for its width: on a phone narrower margins and labels (the key is below the chart). The
   * top margin keeps the modebar off the plot. */
  Explorer.prototype.frameSpec = function () {
    var w = this.el("ex-chart").clientWidth || 800;
    return w < 600 ? { name: "narrow", width: w, height: 560, margin: { l: 44, r: 10, t: 30, b: 44 }, label: 9 }
      : { name: "wide", width: w, height: 560, margin: { l: 58, r: 16, t: 30, b: 50 }, label: 11 };
  };

  Explorer.prototype.showsImported = function () { return this.view.set === "imported" || this.view.set === "all"; };

  Explorer.prototype.chartKey = function () {
    var v = this.view;
    return JSON.stringify([v.colour, v.alpha, v.beta, v.gamma, v.mine, this.showsImported(), isDark(), this.frameSpec().name,
      this.hiddenGroups()]);
  };

  /* The groups switched off in the key below the chart (atlas.js hides their traces; a new draw keeps them off). */
  Explorer.prototype.hiddenGroups = function () {
    var out = [];
    this.root.querySelectorAll('.atlas-key button[data-legendgroup][aria-pressed="false"]').forEach(function (b) { out.push(b.dataset.legendgroup); });
    return out;
  };

  /* The networks drawn: the chosen set's (imported tables only when it includes them) and yours. */
  Explorer.prototype.drawn = function () {
    var imported = this.showsImported();
    return this.all.filter(function (r) { return imported || r.net.mine || r.net.collection === "curated"; });
  };

  Explorer.prototype.figure = function () {
    var spec = this.spec, styles = this.data.styles, groups = this.data.groups || {}, look = this.data.chart;
    var frame = this.frameSpec(), hidden = this.hiddenGroups();
    var ids = [];  /* per trace: the network id of each point, in order */
    var size = function (r, symbol) { return r.net.params_m / (look.areas[symbol] || 1); };
    var trace = function (name, rows, color, symbol) {
      ids.push(rows.map(function (r) { return r.net.id; }));
      return {
        type: "scatter", mode: "markers", name: core.escapeHtml(name),
        x: rows.map(function (r) { return r.net.macs_g; }), y: rows.map(function (r) { return r.net.top1; }),
        text: rows.map(core.hoverText), hovertemplate: "%{text}<extra></extra>",
        customdata: rows.map(function (r) { return [r.net.id, pageOf(spec, r.net)]; }),
        marker: { size: rows.map(function (r) { return size(r, symbol); }), sizemode: "area", sizeref: look.sizeref, sizemin: look.sizemin,
          color: color, symbol: symbol, opacity: 0.8, line: { width: 1, color: "rgba(0,0,0,0.55)" } }
      };
    };
    var traces = [];
    var fams = new Map(), mine = [], imported = new Map();
    var push = function (map, key, r) { if (!map.has(key)) map.set(key, []); map.get(key).push(r); };
    var drawn = this.drawn();
    drawn.forEach(function (r) {
      if (r.net.mine) mine.push(r);
      else if (!core.inSet(spec, r.net, spec.sets.curated)) push(imported, r.net.collection, r);
      else push(fams, r.net.family, r);
    });
    Array.from(imported.keys()).sort(core.compareText).forEach(function (c) {
      var ti = trace(c.replace("imported:", "") + " (imported)", imported.get(c), look.imported, "circle-open");
      ti.legendgroup = "imported";
      traces.push(ti);
    });
    var group = function (f) { return core.get(groups, f) || f; };
    var familyNames = Object.keys(styles).filter(function (f) { return fams.has(f); });  /* families.yaml's order */
    if (this.view.colour === "year") {
      /* One trace coloured by year (viridis: colour-blind-safe), the family still in the marker's shape. */
      var all = [];
      familyNames.forEach(function (f) { all = all.concat(fams.get(f)); });
      if (all.length) {
        var symbols = all.map(function (r) { return (core.get(styles, r.net.family) || ["", "circle"])[1]; });
        var ty = trace("networks (colour: year)", all, all.map(function (r) { return r.net.year; }), "circle");
        ty.marker.colorscale = "Viridis";
        ty.marker.showscale = true;
        ty.marker.colorbar = { title: { text: "Year" }, thickness: 10, len: 0.8 };
        ty.marker.symbol = symbols;
        ty.marker.size = all.map(function (r, i) { return size(r, symbols[i]); });
        traces.push(ty);
      }
      familyNames = [];
    }
    familyNames.forEach(function (f) {
      var style = core.get(styles, f) || ["#888888", "circle"];
      var t = trace(f, fams.get(f), style[0], style[1]);
      t.legendgroup = core.escapeHtml(group(f));
      if (hidden.indexOf(t.legendgroup) >= 0) t.visible = "legendonly";
      traces.push(t);
    });
    if (mine.length) {
      var tm = trace("Your networks", mine, look.mine, "star");
      tm.marker.size = mine.map(function (r) { return size(r, "star"); });
      tm.marker.sizemin = 7;
      tm.marker.opacity = 1;
      tm.marker.line = { width: 1.5, color: "#000000" };
      tm.customdata = mine.map(function (r) { return [r.net.id, ""]; });
      traces.push(tm);
    }
    this.traceIds = ids;
    this.geometry = this.axes(drawn, frame);
    return {
      data: traces,
      layout: {
        height: frame.height, margin: frame.margin, hovermode: "closest", showlegend: false,
        font: { family: "Helvetica, Arial, sans-serif", size: frame.name === "narrow" ? 11 : 13, color: isDark() ? "#e3e6ef" : "#1f2430" },
        paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
        xaxis: { type: "log", title: { text: "G-MACs (log scale)" }, gridcolor: "rgba(128,128,128,0.25)", automargin: false,
          range: this.geometry.x },
        yaxis: { title: { text: "Top-1 accuracy (%)" }, gridcolor: "rgba(128,128,128,0.25)", automargin: false, range: this.geometry.y },
        shapes: this.shapes()
      }
    };
  };

  /* Axis ranges that hold the drawn balls whole (x in log10 units), some room above for labels, and the plot's
   * size in px: what the labels are placed on. */
  Explorer.prototype.axes = function (drawn, frame) {
    var look = this.data.chart, styles = this.data.styles;
    var w = Math.max(100, frame.width - frame.margin.l - frame.margin.r), h = frame.height - frame.margin.t - frame.margin.b;
    var pts = drawn.map(function (r) {
      var symbol = r.net.mine ? "star" : (core.get(styles, r.net.family) || ["", "circle"])[1];
      var d = Math.max(2 * look.sizemin, Math.sqrt(2 * r.net.params_m / (look.areas[symbol] || 1) / look.sizeref));
      return { id: r.net.id, x: Math.log10(r.net.macs_g), y: r.net.top1, r: d / 2, name: r.net.name, mine: !!r.net.mine };
    });
    var fit = function (key, length, extraHigh) {
      if (!pts.length) return [0, 1];
      var lo = Math.min.apply(null, pts.map(function (p) { return p[key]; })), hi = Math.max.apply(null, pts.map(function (p) { return p[key]; }));
      var span = (hi - lo) || 1;
      for (var k = 0; k < 8; k++) {  /* the px size of a unit depends on the range: a few rounds settle it */
        var unit = length / span, lo2 = Infinity, hi2 = -Infinity;
        pts.forEach(function (p) {
          lo2 = Math.min(lo2, p[key] - (p.r * 1.33 + 4) / unit);
          hi2 = Math.max(hi2, p[key] + (p.r * 1.33 + 4 + extraHigh) / unit);
        });
        span = hi2 - lo2;
      }
      return [lo2, hi2];
    };
    return { x: fit("x", w, 0), y: fit("y", h, 2 * frame.label + 8), w: w, h: h, px: frame.label, points: pts };
  };

  /* The Pareto front of the networks in view (top-1 against MACs, a step line) and the budget line. */
  Explorer.prototype.shapes = function () {
    var shapes = [], byId = new Map(), look = this.data.chart;
    this.inside.forEach(function (r) { byId.set(r.net.id, r.net); });
    this.frontIds = core.paretoFront(this.inside.map(function (r) { return r.net; }));
    var front = this.frontIds.map(function (id) { return byId.get(id); });
    if (front.length) {
      var path = "M" + front[0].macs_g + "," + front[0].top1;
      for (var i = 1; i < front.length; i++) path += "H" + front[i].macs_g + "V" + front[i].top1;
      shapes.push({ type: "path", xref: "x", yref: "y", path: path, line: look.front, layer: "above" });
    }
    if (this.view.max_gmacs !== null) {
      shapes.push({ type: "line", xref: "x", yref: "paper", x0: this.view.max_gmacs, x1: this.view.max_gmacs, y0: 0, y1: 1,
        line: { color: look.mine, width: 1, dash: "dash" } });
    }
    return shapes;
  };

  /* Labels of your networks, of the networks you look for and of the view's Pareto front, placed where they cover
   * no other label and no ball (placeLabels). Call after shapes(). */
  Explorer.prototype.labels = function () {
    var g = this.geometry, byId = new Map();
    if (!g) return [];
    g.points.forEach(function (p) { byId.set(p.id, p); });
    var wanted = [], seen = new Set();
    var want = function (id) { if (byId.has(id) && !seen.has(id)) { seen.add(id); wanted.push(byId.get(id)); } };
    g.points.forEach(function (p) { if (p.mine) want(p.id); });
    (this.highlight || []).forEach(want);
    if (!(this.highlight || []).length) (this.frontIds || []).forEach(want);
    return placeLabels(g, wanted);
  };

  /* The labels are SVG text over the plot, not Plotly annotations: Plotly plots the whole chart again when its
   * annotations change (hundreds of milliseconds with 2,000 points), this takes a few. Each label keeps its pixel
   * offset from its ball when the chart is zoomed or panned (drawn again on plotly_relayout); one whose ball leaves
   * the plot is hidden. */
  var SVG = "http://www.w3.org/2000/svg";
  Explorer.prototype.drawLabels = function () {
    var chart = this.el("ex-chart"), full = chart._fullLayout;
    if (!full || !full._size) return;
    var layer = chart.querySelector("svg.atlas-label-layer");
    if (!layer) {
      layer = document.createElementNS(SVG, "svg");
      layer.setAttribute("class", "atlas-label-layer");
      layer.setAttribute("aria-hidden", "true");
      chart.appendChild(layer);
    }
    var size = full._size, xr = full.xaxis.range, yr = full.yaxis.range, g = this.geometry;
    layer.setAttribute("style", "left:" + size.l + "px;top:" + size.t + "px;width:" + size.w + "px;height:" + size.h + "px");
    var frag = document.createDocumentFragment();
    (this.placed || []).forEach(function (l) {
      var x = (l.p.x - xr[0]) / (xr[1] - xr[0]) * size.w, y = (yr[1] - l.p.y) / (yr[1] - yr[0]) * size.h;
      if (x < 0 || x > size.w || y < 0 || y > size.h) return;
      var group = document.createElementNS(SVG, "g");
      group.setAttribute("class", "atlas-label");
      group.setAttribute("data-id", l.p.id);
      if (l.leader) {
        var len = Math.hypot(l.dx, l.dy), ux = l.dx / len, uy = l.dy / len;
        var tBox = Math.min(ux ? l.hw / Math.abs(ux) : Infinity, l.hh / Math.abs(uy || 1e-9));
        var line = document.createElementNS(SVG, "line");
        line.setAttribute("x1", x + ux * l.p.r); line.setAttribute("y1", y + uy * l.p.r);
        line.setAttribute("x2", x + ux * (len - tBox)); line.setAttribute("y2", y + uy * (len - tBox));
        group.appendChild(line);
      }
      var text = document.createElementNS(SVG, "text");
      text.setAttribute("x", x + l.dx); text.setAttribute("y", y + l.dy);
      text.setAttribute("font-size", g.px);
      text.textContent = l.p.name;
      group.appendChild(text);
      frag.appendChild(group);
    });
    layer.replaceChildren(frag);
  };

  /* Greedy label placement in the chart's pixels (y down), the same rules as the build's (netscore_atlas/labels.py)
   * at one width: each label takes the first free place of a list, beside its ball first, then farther with a
   * leader line; a place is free when its box keeps 2 px off every placed label and leader and off the core of
   * every ball (all of a small one). Obstacles sit in a grid of 24 px cells, so a check looks at a few. */
  var measurer = null, widths = new Map();
  function textWidth(text, px) {
    var key = px + ":" + text;
    if (!widths.has(key)) {
      measurer = measurer || document.createElement("canvas").getContext("2d");
      measurer.font = px + "px Helvetica, Arial, sans-serif";
      widths.set(key, measurer.measureText(text).width);
    }
    return widths.get(key);
  }
  var ANGLES = [0, 30, -30, 60, -60, 90, -90, 120, -120, 150, -150, 180, 45, -45, 135, -135];
  var STEPS = [16, 30, 46, 66, 90, 120, 160];
  /* per angle: its unit vector (y down) and how far the box's half sizes push the box out along it */
  var UNITS = ANGLES.map(function (a) {
    var ux = Math.cos(a * Math.PI / 180), uy = -Math.sin(a * Math.PI / 180);
    return [ux, uy, Math.sign(ux) * Math.min(1, Math.abs(ux) * 2), Math.sign(uy) * Math.min(1, Math.abs(uy) * 2)];
  });

  var CELL = 4, GAP = 2;

  /* Which 4 px cells of the plot are taken (by a ball's core, a label or a leader): a check reads the cells a box
   * covers, however crowded the chart. Boxes are rounded out to whole cells: a little more room, never less. */
  function Occupancy(w, h) { this.cw = Math.ceil(w / CELL) + 1; this.ch = Math.ceil(h / CELL) + 1; this.bits = new Uint8Array(this.cw * this.ch); }
  Occupancy.prototype.span = function (box, pad) {
    return [Math.max(0, Math.floor((box[0] - pad) / CELL)), Math.max(0, Math.floor((box[1] - pad) / CELL)),
      Math.min(this.cw - 1, Math.floor((box[2] + pad) / CELL)), Math.min(this.ch - 1, Math.floor((box[3] + pad) / CELL))];
  };
  Occupancy.prototype.add = function (box) {
    var s = this.span(box, 0);
    for (var j = s[1]; j <= s[3]; j++) for (var i = s[0]; i <= s[2]; i++) this.bits[j * this.cw + i] = 1;
  };
  Occupancy.prototype.hits = function (box) {
    var s = this.span(box, GAP);
    for (var j = s[1]; j <= s[3]; j++) for (var i = s[0]; i <= s[2]; i++) if (this.bits[j * this.cw + i]) return true;
    return false;
  };
  Occupancy.prototype.copy = function () { var o = Object.create(Occupancy.prototype); o.cw = this.cw; o.ch = this.ch; o.bits = this.bits.slice(); return o; };

  function placeLabels(g, wanted) {
    var sx = g.w / (g.x[1] - g.x[0]), sy = g.h / (g.y[1] - g.y[0]);
    var at = function (p) { return [(p.x - g.x[0]) * sx, (g.y[1] - p.y) * sy]; };
    if (!g.balls) {  /* the balls' cores, once per drawing: they do not move when the view changes */
      g.balls = new Occupancy(g.w, g.h);
      g.points.forEach(function (p) {
        var c = at(p), core_ = Math.min(p.r * 1.33, 8);
        g.balls.add([c[0] - core_, c[1] - core_, c[0] + core_, c[1] + core_]);
      });
    }
    var taken = g.balls.copy();
    var labels = { add: function (box) { taken.add(box); } };
    var free = function (box) { return box[0] >= 0 && box[1] >= 0 && box[2] <= g.w && box[3] <= g.h && !taken.hits(box); };
    var hh = (g.px + 4) / 2, out = [];
    wanted.forEach(function (p) {
      var c = at(p), hw = (textWidth(p.name, g.px) + 4) / 2, r = p.r * 1.33 + GAP, d = r * 0.75;
      var options = [[r + hw, 0], [-(r + hw), 0], [0, -(r + hh)], [0, r + hh], [d + hw, -(d + hh)], [-(d + hw), -(d + hh)],
        [d + hw, d + hh], [-(d + hw), d + hh]].map(function (o) { return [o[0], o[1], false]; });
      STEPS.forEach(function (step) {
        UNITS.forEach(function (u) {
          options.push([u[0] * (r + step) + u[2] * hw, u[1] * (r + step) + u[3] * hh, true]);
        });
      });
      for (var k = 0; k < options.length; k++) {
        var o = options[k], cx = c[0] + o[0], cy = c[1] + o[1];
        var box = [cx - hw, cy - hh, cx + hw, cy + hh];
        if (!free(box)) continue;
        var line = [];
        if (o[2]) {  /* the leader, from the ball's edge to the box, crosses no placed label */
          var len = Math.hypot(o[0], o[1]), ux2 = o[0] / len, uy2 = o[1] / len;
          var tBox = Math.min(ux2 ? hw / Math.abs(ux2) : Infinity, uy2 ? hh / Math.abs(uy2) : Infinity);
          for (var t = p.r; t < len - tBox; t += 5) line.push([c[0] + ux2 * t, c[1] + uy2 * t]);
          if (out.some(function (l) { return line.some(function (q) { return q[0] > l.box[0] && q[0] < l.box[2] && q[1] > l.box[1] && q[1] < l.box[3]; }); })) continue;
        }
        labels.add(box);
        line.forEach(function (q) { labels.add([q[0] - 1, q[1] - 1, q[0] + 1, q[1] + 1]); });
        out.push({ p: p, dx: o[0], dy: o[1], leader: o[2], box: box, hw: hw - 2, hh: hh - 2 });
        break;
      }
    });
    return out;
  }

  /* Grey and faint for the points outside the view, and while networks are looked for, those stand out (a ring)
   * and the rest fade: classes on each point's SVG node (Plotly keeps the point's index in its data), styled in
   * atlas.css. Run after every Plotly draw too, since a draw restyles the nodes. */
  Explorer.prototype.fadeOutside = function () {
    var chart = this.el("ex-chart"), ids = this.traceIds || [];
    var inside = new Set(this.inside.map(function (r) { return r.net.id; }));
    var wanted = new Set(this.highlight || []), looking = wanted.size > 0;
    this.all.forEach(function (r) { if (r.net.mine) wanted.add(r.net.id); });  /* yours never fade */
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
        var hl = looking && wanted.has(id), dim = looking && !hl;
        if (node.classList.contains("atlas-hl") !== hl) node.classList.toggle("atlas-hl", hl);
        if (node.classList.contains("atlas-dim") !== dim) node.classList.toggle("atlas-dim", dim);
      });
    });
    chart.dataset.faint = String(faint);
  };

  /* plotly.js is loaded on demand (atlas-plotly.js): draw the charts once it is there. */
  Explorer.prototype.whenPlotly = function () {
    var self = this;
    if (this.awaitingPlotly) return;
    this.awaitingPlotly = true;
    window.atlasPlotly.load().then(function () {
      self.awaitingPlotly = false;
      self.renderChart();
      self.renderFigure1();
    }, function () {
      self.el("ex-chart").textContent = "The chart library did not load; the networks are in the table below.";
    });
  };

  Explorer.prototype.renderChart = function () {
    if (typeof Plotly === "undefined") { this.whenPlotly(); return; }
    var self = this, chart = this.el("ex-chart"), base = this.base;
    var key = this.chartKey();
    var t0 = performance.now();
    if (this.chartKeyDrawn === key && chart.data) {
      Plotly.relayout(chart, { shapes: this.shapes() });
    } else {
      var fig = this.figure();
      Plotly.react(chart, fig.data, fig.layout, window.atlasPlotly.config({ modeBarButtonsToRemove: ["autoScale2d", "zoomIn2d",
        "zoomOut2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian"] }));
      this.chartKeyDrawn = key;
    }
    this.fadeOutside();
    this.placed = this.labels();
    this.drawLabels();
    this.root.querySelectorAll('.atlas-key-extra[data-kind="imported"]').forEach(function (e) { e.hidden = !self.showsImported(); });
    chart.dataset.redrawMs = String(performance.now() - t0);
    chart.setAttribute("data-rendered", "true");
    chart.dataset.points = String(this.drawn().length);
    if (!chart.dataset.clickWired) {
      chart.dataset.clickWired = "1";
      chart.on("plotly_click", function (ev) {
        var cd = ev && ev.points && ev.points[0] && ev.points[0].customdata;
        if (cd && cd[1] && /^(networks\/[a-z0-9_]+\/|imported\/[a-z0-9_-]+\/#[a-z0-9_]+)$/.test(cd[1])) window.location.href = base + cd[1];
      });
      chart.on("plotly_afterplot", function () { self.fadeOutside(); });
      chart.on("plotly_relayout", function () { self.drawLabels(); });  /* zoom, pan, resize: labels follow */
      var timer = null;
      window.addEventListener("resize", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { self.chartKeyDrawn = null; self.renderChart(); }, 150);  /* new width: place again */
      });
    }
  };

  /* ---- find a network: ?highlight=<id>,<id> in the address, beside the view's own parameters ---------------- */

  Explorer.prototype.wireFind = function () {
    var self = this, box = this.root.querySelector(".atlas-find[data-explorer]");
    if (!box) return;
    var input = box.querySelector("input"), list = box.querySelector("datalist"), chips = box.querySelector(".atlas-find-chosen");
    var byName = new Map(), byId = new Map();
    this.data.networks.forEach(function (n) {
      byId.set(n.id, n.name);
      if (!byName.has(n.name.toLowerCase())) byName.set(n.name.toLowerCase(), n.id);
    });
    var frag = document.createDocumentFragment();
    Array.from(byName.keys()).forEach(function (k) { var o = document.createElement("option"); o.value = byId.get(byName.get(k)); frag.appendChild(o); });
    list.appendChild(frag);
    this.readHighlight = function () {
      var q = new URLSearchParams(window.location.search).get("highlight");
      self.highlight = q ? q.split(",").filter(function (id) { return byId.has(id); }) : [];
      show();
    };
    var show = function () {
      chips.replaceChildren();
      self.highlight.forEach(function (id) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "atlas-chip";
        b.textContent = byId.get(id) + " ×";
        b.setAttribute("aria-label", "Stop highlighting " + byId.get(id));
        b.addEventListener("click", function () { set(self.highlight.filter(function (x) { return x !== id; })); });
        chips.appendChild(b);
      });
      box.querySelector(".atlas-find-clear").hidden = !self.highlight.length;
    };
    var set = function (ids) { self.highlight = ids; show(); self.update(true); };
    var add = function () {
      var id = byName.get(input.value.trim().toLowerCase());
      if (!id) return;
      input.value = "";
      if (self.highlight.indexOf(id) < 0) set(self.highlight.concat([id]));
    };
    input.addEventListener("change", add);
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); add(); } });
    box.querySelector(".atlas-find-clear").addEventListener("click", function () { set([]); });
    this.readHighlight();
  };

  /* ---- your networks -------------------------------------------------------------------------------------------- */

  var MINE_FIELDS = ["name", "top1", "params_m", "macs_g", "top5", "resolution"];

  /* Your networks added, up to spec.limits.mine_max in the view; how many did not fit is said below the form. */
  Explorer.prototype.addMine = function (nets) {
    var room = Math.max(0, this.spec.limits.mine_max - this.view.mine.length);
    this.view.mine = this.view.mine.concat(nets.slice(0, room));
    this.view.mine_left_out = nets.length - Math.min(room, nets.length);
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
    var ignoredMine = this.view.ignored.some(function (i) { return i.param === "mine"; });
    if (this.view.mine.length || ignoredMine || this.view.mine_left_out) el("ex-mine-box").open = true;
  };

  /* The registry's rows your networks are ranked against: the 'Rank against' menu. */
  Explorer.prototype.scopeRows = function () {
    return core.scopeRows(this.spec, this.el("ex-mine-scope").value, this.all, this.inside, this.view.set);
  };

  Explorer.prototype.renderMine = function () {
    var self = this, spec = this.spec, box = this.el("ex-mine-results");
    var notes = [];  /* a network of yours the address held that fails the checks is named above the form (#ex-notes) */
    if (this.view.mine_left_out) {
      notes.unshift("A view holds at most " + spec.limits.mine_max + " networks of yours: " +
        core.fmt(this.view.mine_left_out, 0) + " more were left out.");
    }
    this.el("ex-mine-ignored").textContent = notes.join(" · ");
    var others = this.scopeRows(), scope = this.el("ex-mine-scope").value, view = this.view;
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
        self.view.mine_left_out = 0;
        self.update(true);
      });
      section.appendChild(remove);
      var caption = document.createElement("p");
      caption.className = "atlas-mine-scope";
      caption.textContent = core.rankCaption(spec, scope, view, c.count, self.devices);
      section.appendChild(caption);
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
    if (!mine.length) { box.hidden = true; box.replaceChildren(); return; }
    if (typeof Plotly === "undefined") { this.whenPlotly(); return; }
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
      }, window.atlasPlotly.config()).then(function () { div.setAttribute("data-rendered", "true"); });
    });
  };

  function init() {
    var root = document.getElementById("atlas-explorer");
    if (!root || root.dataset.started) return;
    root.dataset.started = "1";
    window.atlasExplorer = new Explorer(root);
  }

  /* Back and forward between views of this page (Material's instant navigation fetches a page only when the path
   * changes, not the query): show the view the address holds now. */
  window.addEventListener("popstate", function () {
    var ex = window.atlasExplorer;
    if (!ex || !document.body.contains(ex.root)) return;
    ex.readUrl();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

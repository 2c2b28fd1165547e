/* NetScore Atlas: the leaderboard's view (leaderboard/).
 *
 * The page is written ranked by NetScore (netscore_atlas/leaderboard.py), every row present; this file sorts and
 * filters those rows and keeps the view in the address. It declares nothing about the view itself: the URL
 * parameters, the columns and the sets come from the payload (data-leaderboard, JSON), and whether a network passes
 * the filters is AtlasCore.admits (explorer-core.js), the explorer's rule, held to selection.Selection by the golden
 * cases. The filters hide rows; a network's rank stays its NetScore place in the chosen set.
 *
 * History: each change of the view is an entry of its own (the back button undoes it), except a run of keystrokes
 * in one text or number box, which updates the entry it made. Material's instant navigation leaves such entries to
 * us: it fetches a page only when the path changes, and a query of the same page does not.
 */
(function () {
  "use strict";

  var core = window.AtlasCore;

  function Leaderboard(root) {
    var self = this;
    this.root = root;
    this.data = JSON.parse(root.dataset.leaderboard);
    this.spec = this.data.spec;
    this.params = {};
    this.spec.params.forEach(function (p) { self.params[p.name] = p; });
    this.columns = {};
    this.spec.columns.forEach(function (c, i) { c.index = i; self.columns[c.key] = c; });
    this.el = function (id) { return root.querySelector("#" + id); };
    this.table = this.el("leaderboard-table");
    this.rows = new Map();
    Array.prototype.forEach.call(this.table.tBodies[0].rows, function (tr) { self.rows.set(tr.dataset.id, tr); });
    this.nets = this.data.networks.map(function (n) {
      n.text = (n.name + " " + n.family + " " + (n.year === null ? "" : n.year)).toLowerCase();
      return n;
    });
    this.lastSource = null;
    this.readUrl();
    this.wire();
    this.render();
  }

  /* The view a query holds: the spec's parameters (AtlasCore.parseView, which lists what it ignored and why) and the
   * text of the search box. */
  Leaderboard.prototype.parse = function (search) {
    var view = core.parseView(this.spec, search, this.spec.families, ["q"]);
    view.q = new URLSearchParams(search).get("q") || "";
    return view;
  };

  Leaderboard.prototype.query = function (view) {
    var q = core.viewQuery(this.spec, view);
    if (view.q) q += (q ? "&" : "?") + new URLSearchParams({ q: view.q }).toString();
    return q;
  };

  Leaderboard.prototype.readUrl = function () {
    this.view = this.parse(window.location.search);
    this.notes = this.view.ignored;  /* said as the explorer says it: AtlasCore.ignoredNote */
    this.toControls();
  };

  Leaderboard.prototype.toControls = function () {
    var v = this.view, el = this.el;
    el("lb-set").value = v.set;
    el("lb-year-min").value = v.year_min === null ? "" : v.year_min;
    el("lb-year-max").value = v.year_max === null ? "" : v.year_max;
    el("lb-filter").value = v.q;
    el("lb-training").querySelectorAll("input").forEach(function (c) { c.checked = v.training.indexOf(c.value) >= 0; });
    el("lb-families").querySelectorAll("input").forEach(function (c) { c.checked = v.family.indexOf(c.value) >= 0; });
    if (v.family.length) el("lb-families-box").open = true;  /* a link that names families shows which */
  };

  /* The view the controls show, each read as its URL parameter would be; the sort is kept. */
  Leaderboard.prototype.fromControls = function () {
    var spec = this.spec, params = this.params, el = this.el, v = {};
    var ticked = function (id) {
      var out = [];
      el(id).querySelectorAll("input:checked").forEach(function (c) { out.push(c.value); });
      return out;
    };
    v.set = core.parseParam(spec, params.set, [el("lb-set").value], spec.families, []);
    v.year_min = core.parseParam(spec, params.year_min, [el("lb-year-min").value], spec.families, []);
    v.year_max = core.parseParam(spec, params.year_max, [el("lb-year-max").value], spec.families, []);
    v.training = core.parseParam(spec, params.training, ticked("lb-training"), spec.families, []);
    v.family = core.parseParam(spec, params.family, ticked("lb-families"), spec.families, []);
    v.sort = this.view.sort;
    v.order = this.view.order;
    v.q = el("lb-filter").value.trim();
    v.ignored = [];
    this.view = v;
  };

  /* Write the view into the address: a new history entry, or (typing on in the same box) the current one. */
  Leaderboard.prototype.commit = function (source) {
    this.notes = [];
    var url = window.location.pathname + this.query(this.view);
    var typing = source !== null && source === this.lastSource;
    if (!typing) this.entryBy = null;
    if (url !== window.location.pathname + window.location.search) {
      /* replace only an entry this run of keystrokes made: a year's first digits ("2", "20") change nothing yet */
      if (typing && this.entryBy === source) window.history.replaceState(window.history.state, "", url);
      else window.history.pushState(null, "", url);
      this.entryBy = source;
    }
    this.lastSource = source;
    this.render();
  };

  Leaderboard.prototype.wire = function () {
    var self = this, el = this.el;
    var changed = function (source) { return function () { self.fromControls(); self.commit(source); }; };
    el("lb-set").addEventListener("change", changed(null));
    el("lb-training").addEventListener("change", changed(null));
    el("lb-families").addEventListener("change", changed(null));
    ["lb-year-min", "lb-year-max", "lb-filter"].forEach(function (id) { el(id).addEventListener("input", changed(id)); });
    el("lb-clear").addEventListener("click", function () {
      var v = self.view;
      self.view = { set: v.set, family: [], training: [], year_min: null, year_max: null, q: "", sort: v.sort, order: v.order, ignored: [] };
      self.toControls();
      self.commit(null);
    });
    this.table.querySelectorAll("thead th").forEach(function (th) {
      th.querySelector("button").addEventListener("click", function () {
        var key = th.dataset.key, first = self.columns[key].first, v = self.view;
        var current = v.sort === key ? (v.order || first) : null;
        var next = current === null ? first : (current === "asc" ? "desc" : "asc");
        v.sort = key;
        v.order = next === first ? self.params.order.default : next;
        self.commit(null);
      });
    });
    this.table.dataset.wired = "1";
  };

  /* The rank shown for a network: its NetScore place in the chosen set. */
  Leaderboard.prototype.rankOf = function (net) { return core.get(net.rank, this.view.set); };

  Leaderboard.prototype.value = function (net, key) {
    if (key === "rank") return this.rankOf(net);
    if (key === "name" || key === "family" || key === "year") return net[key];
    var x = core.get(net.values, key);
    return x === undefined ? null : x;
  };

  /* Sorted by the view's column and direction; missing values last, ties by name. */
  Leaderboard.prototype.sorted = function () {
    var self = this, key = this.view.sort, col = this.columns[key];
    var dir = (this.view.order || col.first) === "asc" ? 1 : -1;
    return this.nets.slice().sort(function (a, b) {
      var x = self.value(a, key), y = self.value(b, key);
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        var c = col.kind === "text" ? core.compareText(String(x).toLowerCase(), String(y).toLowerCase()) : (x < y ? -1 : 1);
        if (c !== 0) return dir * c;
      }
      return core.compareText(a.name, b.name);
    });
  };

  Leaderboard.prototype.admits = function (net) {
    var v = this.view;
    var whole = Object.assign({}, this.spec.view_defaults, { set: v.set, family: v.family, training: v.training,
      year_min: v.year_min, year_max: v.year_max });
    if (!core.admits(this.spec, whole, net)) return false;
    return !v.q || net.text.indexOf(v.q.toLowerCase()) >= 0;
  };

  Leaderboard.prototype.render = function () {
    var self = this, v = this.view, tbody = this.table.tBodies[0];
    var order = this.sorted(), shown = 0;
    order.forEach(function (net) {
      var tr = self.rows.get(net.id), ok = self.admits(net);
      if (tr.hidden === ok) tr.hidden = !ok;
      if (ok) shown++;
      var rank = self.rankOf(net), text = rank === null || rank === undefined ? "\u2013" : String(rank);
      if (tr.cells[0].textContent !== text) tr.cells[0].textContent = text;
    });
    var same = order.every(function (net, i) { return tbody.rows[i] === self.rows.get(net.id); });
    if (!same) tbody.replaceChildren.apply(tbody, order.map(function (net) { return self.rows.get(net.id); }));
    this.table.querySelectorAll("thead th").forEach(function (th) {
      if (th.dataset.key === v.sort) th.setAttribute("aria-sort", (v.order || self.columns[v.sort].first) === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    this.el("lb-status").textContent = this.status(shown);
    this.el("lb-notes").textContent = core.ignoredNote(this.notes);
    this.el("lb-family-count").textContent = v.family.length ? String(v.family.length) : "all";
    var shared = { params: this.spec.params.filter(function (p) { return self.spec.shared.indexOf(p.name) >= 0 || p.name === "set"; }) };
    this.el("lb-explorer").href = this.root.dataset.base + "explorer/" + core.viewQuery(shared, v);
  };

  /* "12 of the 121 curated networks shown (filtered); ranks: NetScore places among the 113 that have it." */
  Leaderboard.prototype.status = function (shown) {
    var v = this.view, counts = core.get(this.spec.counts, v.set), words = core.get(this.spec.set_words, v.set);
    var head = shown === counts.all ? counts.all + " " + words : shown + " of the " + counts.all + " " + words + " shown";
    var col = this.columns[v.sort];
    var by = v.sort === "rank" ? "ranked by NetScore" : "sorted by " + this.table.tHead.rows[0].cells[col.index].textContent.trim() +
      ((v.order || col.first) === "asc" ? ", ascending" : ", descending");
    return head + ", " + by + "; the rank is a network's NetScore place among the " + counts.ranked + " of the set that have one.";
  };

  function init() {
    var root = document.getElementById("atlas-leaderboard");
    if (!root || root.dataset.started) return;
    root.dataset.started = "1";
    window.atlasLeaderboard = new Leaderboard(root);
  }

  /* Back and forward between views of this page: show the view the address holds now. */
  window.addEventListener("popstate", function () {
    var lb = window.atlasLeaderboard;
    if (!lb || !document.body.contains(lb.root)) return;
    lb.readUrl();
    lb.lastSource = null;
    lb.entryBy = null;
    lb.render();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

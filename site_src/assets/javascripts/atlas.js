/* NetScore Atlas: draw the Plotly charts and wire the tables.
 *
 * Material's instant navigation swaps page content without a reload and does not
 * re-run scripts, so everything starts from document$ (fires on the first load and
 * after every swap), with DOMContentLoaded as a fallback (file://). A chart is never
 * drawn twice: each element is marked once drawn. Figures come from the element's
 * data-plotly attribute (JSON, HTML-escaped by the generator) or from data-src.
 */
(function () {
  "use strict";

  function isDark() {
    return document.body && document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function themeLayout() {
    var fg = isDark() ? "#e3e6ef" : "#1f2430";
    var grid = isDark() ? "rgba(220,220,220,0.18)" : "rgba(128,128,128,0.25)";
    return {
      "font.color": fg,
      "xaxis.gridcolor": grid,
      "yaxis.gridcolor": grid,
      "xaxis.linecolor": fg,
      "yaxis.linecolor": fg,
      "legend.bgcolor": "rgba(0,0,0,0)"
    };
  }

  function applyTheme(layout) {
    var t = themeLayout();
    Object.keys(t).forEach(function (path) {
      var parts = path.split(".");
      var obj = layout;
      for (var i = 0; i < parts.length - 1; i++) {
        obj[parts[i]] = obj[parts[i]] || {};
        obj = obj[parts[i]];
      }
      obj[parts[parts.length - 1]] = t[path];
    });
    return layout;
  }

  /* ---- Charts ------------------------------------------------------------------------------
   * A figure carries, besides Plotly's data and layout, `atlas.layouts`: one layout per range of chart widths
   * (phone to wide screen; margins, height, axis ranges) and, on ball charts, the labels placed for it at build
   * time (netscore_atlas/labels.py). The chart is drawn with the layout for its element's width, and drawn
   * again when a resize crosses into another range. Highlighted networks (the page's "find a network" box,
   * ?highlight=<id>,<id> in the URL) stand out on every chart of the page; the rest fade. */

  var MODEBAR_REMOVE = ["select2d", "lasso2d", "autoScale2d", "zoomIn2d", "zoomOut2d", "toggleSpikelines",
    "hoverClosestCartesian", "hoverCompareCartesian"];

  function merge(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (k) { out[k] = base[k]; });
    Object.keys(extra || {}).forEach(function (k) {
      var v = extra[k];
      out[k] = (v && typeof v === "object" && !Array.isArray(v) && out[k] && typeof out[k] === "object" && !Array.isArray(out[k]))
        ? merge(out[k], v) : v;
    });
    return out;
  }

  /* The layout entry for a chart `width` px wide: the one whose range holds it, else the nearest. */
  function layoutSpec(figure, width) {
    var specs = (figure.atlas && figure.atlas.layouts) || [];
    if (!specs.length) return null;
    for (var i = 0; i < specs.length; i++) {
      if (width >= specs[i].min_width && width < specs[i].max_width) return specs[i];
    }
    return width < specs[0].min_width ? specs[0] : specs[specs.length - 1];
  }

  /* Every ball of a ball chart by network id: its data position and its radius in px. */
  function ballsById(figure) {
    var out = {};
    figure.data.forEach(function (trace) {
      if (trace.mode !== "markers" || !trace.customdata) return;
      var m = trace.marker || {};
      trace.customdata.forEach(function (cd, i) {
        var size = Array.isArray(m.size) ? m.size[i] : m.size;
        var d = Math.max(2 * (m.sizemin || 0), Math.sqrt(2 * size / (m.sizeref || 1)));  /* as plotly.js draws it */
        var name = /^<b>(.*?)<\/b>/.exec(String((trace.text || [])[i] || ""));  /* the hover's first line, escaped */
        out[cd[0]] = { x: trace.x[i], y: trace.y[i], r: d / 2, name: name ? name[1] : cd[0] };
      });
    });
    return out;
  }

  /* Plotly annotations of placed labels: [index into atlas.labels, dx, dy (px, up), leader 0/1], anchored to
   * their ball in data coordinates (log10 of x on a log axis), so they follow it when zoomed. */
  function labelAnnotations(figure, placed, labelPx) {
    var balls = ballsById(figure), names = figure.atlas.labels;
    var log = figure.layout.xaxis && figure.layout.xaxis.type === "log";
    return placed.map(function (p) {
      var id = names[p[0]][0], b = balls[id];
      var a = { x: log ? Math.log(b.x) / Math.LN10 : b.x, y: b.y, xref: "x", yref: "y", text: names[p[0]][1],
        font: { size: labelPx }, xanchor: "center", yanchor: "middle", name: id };
      if (p[3]) {
        a.showarrow = true; a.ax = p[1]; a.ay = -p[2]; a.axref = "pixel"; a.ayref = "pixel";
        a.arrowhead = 0; a.arrowwidth = 0.8; a.arrowcolor = "rgba(128,128,128,0.9)"; a.standoff = Math.round(b.r * 10) / 10;
      } else {
        a.showarrow = false; a.xshift = p[1]; a.yshift = p[2];
      }
      return a;
    });
  }

  function chartLayout(figure, spec, highlighted) {
    var layout = merge(figure.layout || {}, spec ? spec.layout : {});
    if (spec && spec.labels) {
      var placed = spec.labels;
      if (highlighted.length) placed = highlightLabels(figure, spec, highlighted);
      layout.annotations = labelAnnotations(figure, placed, spec.label_px);
    }
    return applyTheme(layout);
  }

  /* While networks are highlighted only their labels show: where the build placed them, else beside the ball. */
  function highlightLabels(figure, spec, ids) {
    var names = figure.atlas.labels, balls = ballsById(figure), out = [];
    ids.forEach(function (id) {
      var k = -1;
      names.forEach(function (n, i) { if (n[0] === id) k = i; });
      var own = spec.labels.filter(function (p) { return p[0] === k; })[0];
      if (own) { out.push(own); return; }
      if (!balls[id]) return;
      if (k < 0) { names.push([id, balls[id].name]); k = names.length - 1; }
      out.push([k, 0, balls[id].r + spec.label_px, 0]);  /* just above its ball */
    });
    return out;
  }

  /* Highlighted networks keep their colour; every other mark fades; a ring marks each highlighted ball. */
  function highlightData(figure, ids) {
    if (!ids.length) return figure.data;
    var want = {};
    ids.forEach(function (id) { want[id] = true; });
    var rings = { type: "scatter", mode: "markers", name: "highlighted", x: [], y: [], hoverinfo: "skip",
      marker: { size: 0, symbol: "circle-open", color: "#d62728", line: { width: 3, color: "#d62728" } } };
    var ringSizes = [];
    var data = figure.data.map(function (trace) {
      if (!trace.customdata || trace.mode === "lines") return trace;
      var t = merge(trace, {});
      var m = t.marker = merge(trace.marker || {}, {});
      var hit = trace.customdata.map(function (cd) { return !!want[cd[0]]; });
      m.opacity = hit.map(function (h) { return h ? 1 : 0.15; });
      if (trace.type === "scatter") {
        trace.customdata.forEach(function (cd, i) {
          if (!hit[i]) return;
          var size = Array.isArray(m.size) ? m.size[i] : m.size;
          rings.x.push(trace.x[i]); rings.y.push(trace.y[i]);
          ringSizes.push(Math.max(2 * (m.sizemin || 0), Math.sqrt(2 * size / (m.sizeref || 1))) + 12);
        });
      }
      return t;
    });
    if (rings.x.length) { rings.marker.size = ringSizes; data.push(rings); }
    return data;
  }

  function highlightedIds(el) {
    var q = new URLSearchParams(window.location.search).get("highlight");
    var ids = q ? q.split(",").filter(function (s) { return /^[a-z0-9_]+$/.test(s); }) : [];
    if (!ids.length && el.dataset.highlight) ids = [el.dataset.highlight];
    return ids;
  }

  function plotChart(el, figure) {
    var spec = layoutSpec(figure, el.clientWidth || 800);
    var ids = highlightedIds(el);
    el._atlasSpec = spec ? spec.name : "";
    el._atlasHighlight = ids.join(",");
    return Plotly.react(el, highlightData(figure, ids), chartLayout(figure, spec, ids),
      window.atlasPlotly.config({ modeBarButtonsToRemove: MODEBAR_REMOVE }));
  }

  /* plotly.js is loaded on demand (atlas-plotly.js): only pages with a chart fetch it, once per visit. */
  function draw(el, figure) {
    window.atlasPlotly.load().then(function () { drawNow(el, figure); }, function () {
      el.textContent = "The chart library did not load; the data is in the table below.";
    });
  }

  function drawNow(el, figure) {
    var base = el.dataset.base || "";
    el._atlasFigure = figure;
    plotChart(el, figure).then(function () {
      el.setAttribute("data-rendered", "true");
      el.setAttribute("data-layout", el._atlasSpec);
    });
    el.on("plotly_click", function (ev) {
      var p = ev && ev.points && ev.points[0];
      var cd = p && p.customdata;
      if (cd && cd[1] && /^networks\/[a-z0-9_]+\/$/.test(cd[1])) window.location.href = base + cd[1];
    });
  }

  /* After a resize into another width range, or a change of the highlighted networks: draw again. */
  function redrawCharts(force) {
    if (typeof Plotly === "undefined") return;
    document.querySelectorAll(".atlas-chart[data-rendered]").forEach(function (el) {
      var figure = el._atlasFigure;
      if (!figure) return;
      var spec = layoutSpec(figure, el.clientWidth || 800);
      if (!force && (spec ? spec.name : "") === el._atlasSpec) return;
      plotChart(el, figure).then(function () { el.setAttribute("data-layout", el._atlasSpec); });
    });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { redrawCharts(false); }, 150);
  });

  /* The key beside a chart: a group's button hides or shows its networks. */
  function wireKeys(root) {
    root.querySelectorAll(".atlas-key button[data-legendgroup]").forEach(function (button) {
      if (button.dataset.wired) return;
      button.dataset.wired = "1";
      button.addEventListener("click", function () {
        var el = document.getElementById(button.closest(".atlas-key").dataset.chart);
        if (!el || !el.data) return;
        var on = button.getAttribute("aria-pressed") !== "false";
        var idx = [];
        el.data.forEach(function (t, i) { if (t.legendgroup === button.dataset.legendgroup) idx.push(i); });
        button.setAttribute("aria-pressed", on ? "false" : "true");
        Plotly.restyle(el, { visible: on ? "legendonly" : true }, idx);
      });
    });
  }

  /* "Find a network": names typed or picked are highlighted on every chart of the page, kept in the URL. */
  function wireFind(root) {
    root.querySelectorAll(".atlas-find:not([data-explorer])").forEach(function (box) {  /* the explorer wires its own */
      if (box.dataset.wired) return;
      box.dataset.wired = "1";
      var input = box.querySelector("input"), chips = box.querySelector(".atlas-find-chosen");
      var byName = {}, byId = {};
      box.querySelectorAll("datalist option").forEach(function (o) { byName[o.value.toLowerCase()] = o.dataset.id; byId[o.dataset.id] = o.value; });
      var current = function () {
        var q = new URLSearchParams(window.location.search).get("highlight");
        return q ? q.split(",").filter(function (id) { return byId[id]; }) : [];
      };
      var show = function () {
        var ids = current();
        chips.replaceChildren();
        ids.forEach(function (id) {
          var b = document.createElement("button");
          b.type = "button";
          b.className = "atlas-chip";
          b.textContent = byId[id] + " ×";
          b.setAttribute("aria-label", "Stop highlighting " + byId[id]);
          b.addEventListener("click", function () { set(current().filter(function (x) { return x !== id; })); });
          chips.appendChild(b);
        });
        box.querySelector(".atlas-find-clear").hidden = !ids.length;
      };
      var set = function (ids) {
        var q = new URLSearchParams(window.location.search);
        if (ids.length) q.set("highlight", ids.join(",")); else q.delete("highlight");
        var s = q.toString();
        window.history.replaceState(window.history.state, "", window.location.pathname + (s ? "?" + s : "") + window.location.hash);
        show();
        redrawCharts(true);
      };
      var add = function () {
        var id = byName[input.value.trim().toLowerCase()];
        if (!id) return;
        input.value = "";
        var ids = current();
        if (ids.indexOf(id) < 0) ids.push(id);
        set(ids);
      };
      input.addEventListener("change", add);
      input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); add(); } });
      box.querySelector(".atlas-find-clear").addEventListener("click", function () { set([]); });
      show();
    });
  }

  function renderCharts(root) {
    root.querySelectorAll(".atlas-chart").forEach(function (el) {
      if (el.dataset.started) return;
      el.dataset.started = "1";
      if (el.dataset.plotly) {
        draw(el, JSON.parse(el.dataset.plotly));
      } else if (el.dataset.src) {
        fetch(el.dataset.src).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        }).then(function (fig) { draw(el, fig); }).catch(function () {
          el.textContent = "The chart data could not be loaded.";
        });
      }
    });
  }

  function rethemeCharts() {
    if (typeof Plotly === "undefined") return;
    document.querySelectorAll(".atlas-chart[data-rendered]").forEach(function (el) {
      Plotly.relayout(el, themeLayout());
    });
  }

  /* Tables: click a heading to sort (numbers numerically, blanks last); type to filter. */
  function sortTable(table, col, th) {
    var tbody = table.tBodies[0];
    var numeric = th.dataset.type === "num";
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    if (!th.hasAttribute("aria-sort") && th.dataset.better === "higher") dir = -1;
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.sort, y = b.cells[col].dataset.sort;
      if (x === "" && y !== "") return 1;
      if (y === "" && x !== "") return -1;
      if (numeric) return dir * (parseFloat(x) - parseFloat(y));
      return dir * x.localeCompare(y);
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  }

  function wireTables(root) {
    root.querySelectorAll("table.atlas-sortable").forEach(function (table) {
      if (table.dataset.wired) return;
      table.dataset.wired = "1";
      table.querySelectorAll("thead th").forEach(function (th, col) {
        var button = th.querySelector("button") || th;
        button.addEventListener("click", function () { sortTable(table, col, th); });
      });
    });
    root.querySelectorAll("input.atlas-filter").forEach(function (input) {
      if (input.dataset.wired) return;
      input.dataset.wired = "1";
      var table = document.getElementById(input.dataset.table);
      var count = root.querySelector('.atlas-count[data-table="' + input.dataset.table + '"]');
      var apply = function () {
        var q = input.value.trim().toLowerCase();
        var shown = 0;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          var ok = q === "" || row.dataset.filter.indexOf(q) !== -1;
          row.hidden = !ok;
          if (ok) shown++;
        });
        if (count) count.textContent = shown + " networks";
      };
      input.addEventListener("input", apply);
    });
  }

  /* Imported collections are paged (imported/<collection>/<page>/). Their weights.json lists every weight's id, name
   * and page: "Find a weight" searches it, and the collection's index forwards a weight's stable address,
   * imported/<collection>/#<id>, to the row on its page. Fetched once per collection and visit. */
  var weightLists = {};

  function weightList(src) {
    var url = new URL(src, window.location.href).href;
    if (!weightLists[url]) {
      weightLists[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (data) {
        return data.weights.map(function (w) {
          return { id: w[0], name: w[1], key: w[1].toLowerCase(), number: w[2] + 1,
                   href: new URL(data.pages[w[2]] + "/#" + encodeURIComponent(w[0]), url).href };
        });
      });
      weightLists[url].catch(function () { delete weightLists[url]; });
    }
    return weightLists[url];
  }

  var FOUND_MAX = 30;

  function wireWeightFind(root) {
    root.querySelectorAll(".atlas-weight-find").forEach(function (box) {
      if (box.dataset.wired) return;
      box.dataset.wired = "1";
      var input = box.querySelector("input"), status = box.querySelector(".atlas-weight-find-status");
      var list = box.querySelector(".atlas-weight-find-results");
      var show = function () {
        var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
        if (!words.length) { list.replaceChildren(); status.textContent = ""; return; }
        weightList(box.dataset.src).then(function (weights) {
          var hits = weights.filter(function (w) {
            return words.every(function (word) { return w.key.indexOf(word) !== -1; });
          });
          list.replaceChildren();
          hits.slice(0, FOUND_MAX).forEach(function (w) {
            var li = document.createElement("li"), a = document.createElement("a"), where = document.createElement("span");
            a.href = w.href;
            a.textContent = w.name;
            where.className = "atlas-note";
            where.textContent = " page " + w.number;
            li.appendChild(a);
            li.appendChild(where);
            list.appendChild(li);
          });
          status.textContent = hits.length === 0 ? "No weight's name holds " + input.value.trim() + "." :
            hits.length > FOUND_MAX ? hits.length + " weights match; the first " + FOUND_MAX + " are listed: type more of the name." :
            hits.length + (hits.length === 1 ? " weight matches." : " weights match.");
        }).catch(function () {
          status.textContent = "The list of weights could not be loaded; the pages below list them all.";
        });
      };
      input.addEventListener("input", show);
      show();
    });
  }

  /* A link to a weight's row on another page (imported/<collection>/<page>/#<id>, from the finder, a network's page
   * or the explorer) loads that page in full, so that the browser scrolls to the row: Material's instant navigation
   * lost such a link's #<id> (it kept the anchor that navigation.tracking had put into the address). */
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href*='imported/'][href*='#']");
    if (!a || e.defaultPrevented || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0 || a.target) return;
    var to = new URL(a.href, window.location.href);
    if (to.origin !== window.location.origin || to.pathname === window.location.pathname) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    window.location.assign(to.href);
  }, true);

  /* On a collection's index, imported/<collection>/#<id> names a weight: go to its row on its page. */
  function forwardWeight(root) {
    var index = root.querySelector(".atlas-weight-pages");
    var find = root.querySelector(".atlas-weight-find");
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!index || !find || !id || document.getElementById(id)) return;
    weightList(find.dataset.src).then(function (weights) {
      var hit = weights.filter(function (w) { return w.id === id; })[0];
      if (hit) window.location.replace(hit.href);
    }).catch(function () { /* the page lists the pages */ });
  }

  /* Material's search dialog has no accessible name: give it one. */
  function nameSearchDialog() {
    document.querySelectorAll(".md-search[role='dialog']:not([aria-label])").forEach(function (el) {
      el.setAttribute("aria-label", "Search the site");
    });
  }

  function init() {
    nameSearchDialog();
    renderCharts(document);
    wireKeys(document);
    wireFind(document);
    wireTables(document);
    wireWeightFind(document);
    forwardWeight(document);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  new MutationObserver(rethemeCharts).observe(document.body || document.documentElement, {
    attributes: true, attributeFilter: ["data-md-color-scheme"]
  });
})();

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

  function highlight(figure, id) {
    var hit = null;
    figure.data.forEach(function (trace) {
      if (trace.mode === "lines" || !trace.customdata) return;
      trace.customdata.forEach(function (cd, i) {
        if (cd[0] === id) hit = { x: trace.x[i], y: trace.y[i], text: trace.text[i] };
      });
      trace.marker = trace.marker || {};
      trace.marker.opacity = 0.35;
    });
    if (hit) {
      figure.data.push({
        type: "scatter", mode: "markers", name: "this network", x: [hit.x], y: [hit.y],
        text: [hit.text], hovertemplate: "%{text}<extra></extra>",
        marker: { size: 26, symbol: "circle-open", color: "#d62728", line: { width: 4 } }
      });
    }
    return figure;
  }

  /* plotly.js is loaded on demand (atlas-plotly.js): only pages with a chart fetch it, once per visit. */
  function draw(el, figure) {
    window.atlasPlotly.load().then(function () { drawNow(el, figure); }, function () {
      el.textContent = "The chart library did not load; the data is in the table below.";
    });
  }

  function drawNow(el, figure) {
    if (el.dataset.highlight) figure = highlight(figure, el.dataset.highlight);
    var base = el.dataset.base || "";
    Plotly.newPlot(el, figure.data, applyTheme(figure.layout || {}), window.atlasPlotly.config()).then(function () {
      el.setAttribute("data-rendered", "true");
    });
    el.on("plotly_click", function (ev) {
      var p = ev && ev.points && ev.points[0];
      var cd = p && p.customdata;
      if (cd && cd[1] && /^networks\/[a-z0-9_]+\/$/.test(cd[1])) window.location.href = base + cd[1];
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

  /* Material's search dialog has no accessible name: give it one. */
  function nameSearchDialog() {
    document.querySelectorAll(".md-search[role='dialog']:not([aria-label])").forEach(function (el) {
      el.setAttribute("aria-label", "Search the site");
    });
  }

  function init() {
    nameSearchDialog();
    renderCharts(document);
    wireTables(document);
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

/* NetScore Atlas: plotly.js, loaded only by pages that draw a chart, and the one Plotly config.
 *
 * No page includes plotly.js itself (about 400 KB gzip): atlasPlotly.load() adds it to <head> the first
 * time a page needs it and returns a promise of Plotly. Material's instant navigation keeps <head> and
 * window, so the library stays loaded for every later page: it is requested once per visit.
 *
 * atlasPlotly.config() is the config of every chart (site charts, explorer, embed pages): no button that
 * reaches outside the site. plotly.js 4 shows "Share chart..." (showSendToCloud, which posts the figure to
 * an outside service) unless told not to, and its logo links to plotly's site.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var SRC = new URL("plotly.min.js", script ? script.src : window.location.href).href;
  var pending = null;

  function load() {
    if (typeof window.Plotly !== "undefined") return Promise.resolve(window.Plotly);
    if (pending) return pending;
    pending = new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = SRC;
      el.async = true;
      el.setAttribute("data-atlas-plotly", "");
      el.onload = function () {
        if (typeof window.Plotly !== "undefined") resolve(window.Plotly);
        else { pending = null; reject(new Error("plotly.js loaded but defined no Plotly")); }
      };
      el.onerror = function () {
        pending = null;
        el.remove();
        reject(new Error("plotly.js could not be loaded from " + SRC));
      };
      document.head.appendChild(el);
    });
    return pending;
  }

  // Buttons that reach outside the site, removed even if a later plotly.js adds them back by default.
  var OUTSIDE = ["sendChartToCloud", "sendDataToCloud", "editInChartStudio"];

  function config(extra) {
    var c = {
      responsive: true,
      displaylogo: false,       // the logo links to plotly's site
      showSendToCloud: false,   // "Share chart...": posts the figure to an outside service
      plotlyServerURL: "",      // and with no address to post to, even if the button came back
      modeBarButtonsToRemove: ["select2d", "lasso2d"].concat(OUTSIDE)
    };
    Object.keys(extra || {}).forEach(function (k) {
      c[k] = k === "modeBarButtonsToRemove" ? c[k].concat(extra[k]) : extra[k];
    });
    return c;
  }

  window.atlasPlotly = { load: load, config: config, src: SRC };
  // Start the download at once on a page that has a chart (this script runs at the end of the body).
  if (document.querySelector(".atlas-chart")) load().catch(function () {});
})();

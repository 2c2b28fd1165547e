/* NetScore Atlas: page furniture shared by every page (no chart code here).
 *
 * - Wide tables scroll inside their own container (.atlas-scroll, written by the templates). When a
 *   table is wider than its container, a visible hint is put above it and the container becomes a
 *   focusable, named region (keyboard users can scroll it too); when it fits, neither.
 *
 * - Copy buttons for the embed snippet and the citations of a chart page.
 *
 * Material's instant navigation swaps the page content without running this file again: everything
 * starts from document$ (first load and every swap), with DOMContentLoaded as a fallback (file://).
 */
(function () {
  "use strict";

  var HINT = "\u21c6 Wider than the screen: swipe or scroll the table sideways for more columns.";

  function markOverflow(box) {
    var over = box.scrollWidth > box.clientWidth + 1;
    var hint = box.previousElementSibling;
    var hasHint = hint && hint.classList.contains("atlas-scroll-hint");
    if (over && !hasHint) {
      hint = document.createElement("p");
      hint.className = "atlas-scroll-hint";
      hint.textContent = HINT;
      box.parentNode.insertBefore(hint, box);
    }
    if (hasHint || over) hint.hidden = !over;
    if (over) {
      box.setAttribute("data-overflow", "true");
      box.setAttribute("role", "region");
      box.setAttribute("tabindex", "0");
      box.setAttribute("aria-label", (box.dataset.label || "Table") + ", scrolls sideways");
    } else if (box.hasAttribute("data-overflow")) {
      ["data-overflow", "role", "tabindex", "aria-label"].forEach(function (a) { box.removeAttribute(a); });
    }
  }

  var observer = typeof ResizeObserver === "function" ? new ResizeObserver(function (entries) {
    entries.forEach(function (e) {
      var box = e.target.classList.contains("atlas-scroll") ? e.target : e.target.closest(".atlas-scroll");
      if (box) markOverflow(box);
    });
  }) : null;

  function watchScrollBoxes(root) {
    root.querySelectorAll(".atlas-scroll").forEach(function (box) {
      if (box.dataset.watched) return;
      box.dataset.watched = "1";
      markOverflow(box);
      if (observer) {
        observer.observe(box);
        if (box.firstElementChild) observer.observe(box.firstElementChild); // the table grows when rows are added
      }
    });
  }

  /* Copy buttons beside the embed snippet and the citations (chart pages). */
  var COPY = { "embed-snippet": "Copy the iframe snippet", "cite-bibtex": "Copy BibTeX", "cite-plain": "Copy the citation" };

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  function addCopyButtons(root) {
    Object.keys(COPY).forEach(function (id) {
      var source = root.querySelector("#" + id);
      if (!source || source.dataset.copyWired) return;
      source.dataset.copyWired = "1";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-copy md-button";
      button.textContent = COPY[id];
      button.setAttribute("aria-controls", id);
      var status = document.createElement("span");
      status.className = "atlas-copy-status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () {
        copyText(source.textContent.trim() + (id === "cite-bibtex" ? "\n" : "")).then(function () {
          status.textContent = "Copied.";
        }, function () {
          status.textContent = "Could not copy: select the text and copy it.";
        });
        setTimeout(function () { status.textContent = ""; }, 4000);
      });
      var bar = document.createElement("p");
      bar.className = "atlas-copy-bar";
      bar.appendChild(button);
      bar.appendChild(status);
      source.parentNode.insertBefore(bar, source.nextSibling);
    });
  }

  function init() {
    watchScrollBoxes(document);
    addCopyButtons(document);
  }

  window.atlasPage = { watchScrollBoxes: watchScrollBoxes, markOverflow: markOverflow };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  window.addEventListener("resize", function () {
    document.querySelectorAll(".atlas-scroll").forEach(markOverflow);
  });
})();

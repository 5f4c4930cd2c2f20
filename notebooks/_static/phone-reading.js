/* Reading on a phone (the rules that use these marks are in site-fixes.css).

   Tables. A table whose cells are mostly prose (some column averages 25 characters or more) and
   that has at most eight columns is marked "stackable": on a narrow screen each row becomes a card,
   one labelled line per cell (the label is the column's header, copied into data-label), so the
   reader scrolls down instead of sideways through columns a few words wide. Other tables (numbers
   to compare across rows, or many columns) keep their scroll box; in them a cell with a long text
   is marked "long-cell" so that it keeps a readable width instead of one or two words a line, and
   an ISO date ("date-cell") stays on one line, and the caption is repeated above the table, where
   it wraps to the box instead of scrolling off with the columns.

   Charts. On a narrow screen a chart fits the column, so the whole chart is in view; where that
   draws its smallest text (8 pt at 100 dpi, 11 px) below 9 px, a button under the chart (or a
   tap on it) shows it at 85 % of its drawn size, legible, to scroll sideways in its box, and back. */
(function () {
  "use strict";
  var SMALLEST_TEXT_PX = (8 * 100) / 72;
  var LEGIBLE_PX = 9;

  function text(cell) {
    return (cell.textContent || "").replace(/\s+/g, " ").trim();
  }

  function headerLabels(table) {
    var rows = table.tHead ? Array.prototype.slice.call(table.tHead.rows) : [];
    var labels = [];
    rows.forEach(function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, j) {
        var t = text(cell);
        if (t && !labels[j]) labels[j] = t;
      });
    });
    return labels;
  }

  function markTable(table) {
    if (!table.tHead || !table.tBodies.length || table.querySelector("[colspan], [rowspan]")) return;
    var labels = headerLabels(table);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    if (!rows.length) return;
    var width = Math.max.apply(null, rows.map(function (r) { return r.cells.length; }));
    var sums = [];
    rows.forEach(function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, j) {
        var t = text(cell);
        sums[j] = (sums[j] || 0) + t.length;
        if (t.length >= 60) cell.classList.add("long-cell");
        if (/^\d{4}-\d{2}(-\d{2})?$/.test(t)) cell.classList.add("date-cell");
        if (!t) cell.classList.add("empty-cell");
        cell.setAttribute("data-label", labels[j] || "");
        if (!labels[j] && cell.tagName === "TH" && /^\d+$/.test(t)) cell.classList.add("row-number");
      });
    });
    var prose = sums.some(function (s) { return s / rows.length >= 25; });
    if (prose && width <= 8) table.classList.add("stackable");
    else titleAbove(table);
  }

  // A table that scrolls sideways would scroll its caption with it, cut at the box's edge: its
  // text is repeated in a title above the table, which wraps to the box (the stylesheet shows the
  // title and hides the caption from the eye, not from a screen reader, on narrow screens only).
  function titleAbove(table) {
    if (!table.caption || !text(table.caption)) return;
    var title = document.createElement("p");
    title.className = "table-title";
    title.setAttribute("aria-hidden", "true");
    title.innerHTML = table.caption.innerHTML;
    table.parentNode.insertBefore(title, table);
    table.classList.add("has-title");
  }

  function setChartButton(output, img, button) {
    var full = output.classList.contains("chart-full");
    button.textContent = full ? "Fit the chart to the screen" : "Enlarge the chart (legible text)";
    button.setAttribute("aria-expanded", full ? "true" : "false");
    img.style.cursor = full ? "zoom-out" : "zoom-in";
  }

  function markChart(img) {
    var output = img.closest(".cell_output");
    if (!output || output.querySelector(":scope > .chart-zoom")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "chart-zoom";
    function toggle() {
      output.classList.toggle("chart-full");
      setChartButton(output, img, button);
      if (!output.classList.contains("chart-full")) output.scrollLeft = 0;
    }
    button.addEventListener("click", toggle);
    img.addEventListener("click", function () {
      if (getComputedStyle(button).display !== "none") toggle();
    });
    img.insertAdjacentElement("afterend", button);
    setChartButton(output, img, button);
    update(img, output);
  }

  // the button shows only where the fitted chart draws its smallest text below LEGIBLE_PX
  function update(img, output) {
    if (!img.naturalWidth || output.classList.contains("chart-full")) return;
    var scale = img.getBoundingClientRect().width / img.naturalWidth;
    output.classList.toggle("chart-small", scale * SMALLEST_TEXT_PX < LEGIBLE_PX);
  }

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll(".bd-article .cell_output > img"));
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".bd-article table").forEach(markTable);
    charts().forEach(function (img) {
      if (img.complete) markChart(img);
      else img.addEventListener("load", function () { markChart(img); }, { once: true });
    });
    window.addEventListener("resize", function () {
      charts().forEach(function (img) { update(img, img.closest(".cell_output")); });
    });
  });
})();

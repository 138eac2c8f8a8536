/* Planbook: on a phone a table of three columns or more reads as cards, one per row,
   each value beside its column's name (the CSS under 720 px in planbook.css); wider
   screens are untouched, and a two-column table stays a table.
   This only copies each header cell's text onto the cells below it. */
(function () {
  function label(root) {
    root.querySelectorAll(".md-typeset table").forEach(function (table) {
      if (table.hasAttribute("data-pb-cards") || table.hasAttribute("data-pb-plain")) { return; }
      var rows = table.querySelectorAll("thead tr");
      if (!rows.length) { return; }
      var names = Array.prototype.map.call(rows[rows.length - 1].children, function (cell) {
        return cell.textContent.trim();
      });
      // two columns (a field and its value) fit a phone as they are: cards would only
      // repeat the header on every row
      if (names.length <= 2) { table.setAttribute("data-pb-plain", ""); return; }
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (names[i]) { cell.setAttribute("data-label", names[i]); }
        });
      });
      table.setAttribute("data-pb-cards", "");
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { label(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { label(document); });
  } else {
    label(document);
  }
})();

/* A grid cell's figures (actual, target, YoY) are in its title, which a mouse shows on
   hover; a touch screen has no hover, so a tap shows the same text in a bar at the
   bottom of the screen, in view wherever the cell is (tap another cell for its
   figures, tap anywhere else to close). */
(function () {
  var shown = null;
  function close() { if (shown) { shown.remove(); shown = null; } }
  document.addEventListener("click", function (event) {
    var cell = event.target.closest && event.target.closest(".pb-grid td[title]");
    close();
    if (!cell) { return; }
    shown = document.createElement("div");
    shown.className = "pb-grid-tip md-typeset";
    shown.setAttribute("role", "status");
    shown.textContent = cell.getAttribute("title");
    document.body.appendChild(shown);
  });
})();

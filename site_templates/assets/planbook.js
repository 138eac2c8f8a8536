/* Planbook: on a phone a table reads as cards, one per row, each value beside its
   column's name (the CSS under 720 px in planbook.css); wider screens are untouched.
   This only copies each header cell's text onto the cells below it. */
(function () {
  function label(root) {
    root.querySelectorAll(".md-typeset table").forEach(function (table) {
      if (table.hasAttribute("data-pb-cards")) { return; }
      var rows = table.querySelectorAll("thead tr");
      if (!rows.length) { return; }
      var names = Array.prototype.map.call(rows[rows.length - 1].children, function (cell) {
        return cell.textContent.trim();
      });
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

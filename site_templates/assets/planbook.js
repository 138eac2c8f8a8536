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

/* On a phone a long page (a review: a dozen sections of tables and charts, forty screens
   open) starts folded: what comes before the first section (the title, the tiles, the
   gap table) stays open, and each section is its heading, tapped to open or close.  A
   link to a section (#…) opens it.  Wider screens, and pages of fewer than three
   sections, are untouched; the pages themselves (and search) hold every section. */
(function () {
  var phone = window.matchMedia("(max-width: 44.9375em)");
  function resize(box) {
    if (!window.Plotly) { return; }
    box.querySelectorAll(".plotly-graph-div").forEach(function (chart) { window.Plotly.Plots.resize(chart); });
  }
  function open(head, box, show) {
    box.hidden = !show;
    head.setAttribute("aria-expanded", String(show));
    if (show) { resize(box); }
  }
  function fold(root) {
    if (!phone.matches) { return; }
    var article = root.querySelector("article.md-content__inner");
    if (!article || article.hasAttribute("data-pb-folded")) { return; }
    var heads = Array.prototype.filter.call(article.children, function (e) { return e.tagName === "H2"; });
    if (heads.length < 3) { return; }
    article.setAttribute("data-pb-folded", "");
    heads.forEach(function (head) {
      var box = document.createElement("div");
      box.className = "pb-fold";
      var next = head.nextSibling;
      while (next && !(next.nodeType === 1 && (next.tagName === "H2" || next.tagName === "FOOTER"))) {
        var moving = next;
        next = next.nextSibling;
        box.appendChild(moving);
      }
      head.after(box);
      head.classList.add("pb-fold-head");
      head.setAttribute("role", "button");
      head.tabIndex = 0;
      open(head, box, false);
      function toggle(event) {
        if (event.target.closest && event.target.closest("a.headerlink")) { return; }
        open(head, box, box.hidden);
      }
      head.addEventListener("click", toggle);
      head.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(event); }
      });
    });
    reveal();
  }
  function reveal() {
    var wanted = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var holder = wanted && (wanted.classList.contains("pb-fold-head") ? wanted.nextElementSibling
                                                                       : wanted.closest(".pb-fold"));
    if (holder && holder.classList.contains("pb-fold")) {
      open(holder.previousElementSibling, holder, true);
      wanted.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);
  // a phone turned sideways (or a window widened) past the phone width: every section open
  if (phone.addEventListener) {
    phone.addEventListener("change", function () {
      if (phone.matches) { return; }
      document.querySelectorAll(".pb-fold").forEach(function (box) {
        open(box.previousElementSibling, box, true);
      });
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { fold(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { fold(document); });
  } else {
    fold(document);
  }
})();

/* Word-level Chinese search: the index's words are jieba's, cut by U+200B (the
   search plugin, generator/site/search.py); a query typed in the box is cut into
   the same words here, longest match first against the index's own vocabulary,
   with the same invisible U+200B, before Material's search reads it: 京东快车 is
   京东 | 快车, and 面膜 is one word that 英文界面 does not contain. */
(function () {
  var ZWSP = "\u200b";
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;
  var words = null;
  var longest = 1;
  function learn(index) {
    words = new Set();
    (index.docs || []).forEach(function (doc) {
      [doc.title || "", doc.text || ""].forEach(function (text) {
        text.split(/[\u200b\s]+/).forEach(function (word) {
          if (word.length > 1 && word.length <= 12 && HAN.test(word) && /^[\u3400-\u4dbf\u4e00-\u9fff]+$/.test(word)) {
            words.add(word);
            if (word.length > longest) { longest = word.length; }
          }
        });
      });
    });
  }
  function load() {
    if (words) { return; }
    if (window.__index) { learn(window.__index); return; }  // opened from disk: the offline copy
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* the default */ }
    fetch(base + "/search/search_index.json").then(function (r) { return r.json(); }).then(learn)
      .catch(function () { words = new Set(); });
  }
  function cut(run) {
    var out = [];
    var at = 0;
    while (at < run.length) {
      var size = Math.min(longest, run.length - at);
      while (size > 1 && !words.has(run.substr(at, size))) { size -= 1; }
      out.push(run.substr(at, size));
      at += size;
    }
    return out.join(ZWSP);
  }
  function segment(text) {
    return text.replace(/[\u3400-\u4dbf\u4e00-\u9fff]{2,}/g, function (run) { return cut(run); });
  }
  function rewrite(event) {
    var input = event.target;
    if (!input || !input.classList || !input.classList.contains("md-search__input")) { return; }
    load();
    if (!words || event.isComposing) { return; }
    var plain = input.value.split(ZWSP).join("");
    var cutText = segment(plain);
    if (cutText === input.value) { return; }
    var caret = input.selectionStart === null ? plain.length
      : input.value.slice(0, input.selectionStart).split(ZWSP).join("").length;
    input.value = cutText;
    var position = 0;  // the caret after the same characters, the cuts not counted
    for (var seen = 0; position < cutText.length && seen < caret; position += 1) {
      if (cutText[position] !== ZWSP) { seen += 1; }
    }
    input.setSelectionRange(position, position);
  }
  // in the capture phase: before Material's own listeners read the box
  ["input", "keyup", "compositionend"].forEach(function (type) {
    document.addEventListener(type, rewrite, true);
  });
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.classList && event.target.classList.contains("md-search__input")) { load(); }
  }, true);
  // the words are ready before the first query (the browser has the index cached for Material too)
  if (document.readyState === "complete") { load(); } else { window.addEventListener("load", load); }
})();

// Client-side search of the ontology site: labels, synonyms, CURIEs and cross-references.
// The index is window.CYTOKINE_RDF_SEARCH (search-index.js); results are built with
// textContent only, so nothing from the ontology is ever parsed as HTML.
(function () {
  "use strict";
  var index = window.CYTOKINE_RDF_SEARCH || [];
  var root = document.body.getAttribute("data-root") || "";
  var LIMIT = 50;

  function score(entry, q) {
    var label = entry[0].toLowerCase();
    var curie = entry[1].toLowerCase();
    var best = 99;
    if (label === q || curie === q) return 0;
    entry[4].forEach(function (s) {
      s = s.toLowerCase();
      if (s === q) best = Math.min(best, 1);
      else if (s.indexOf(q) === 0) best = Math.min(best, 3);
      else if (s.indexOf(q) > 0) best = Math.min(best, 5);
    });
    if (label.indexOf(q) === 0) best = Math.min(best, 2);
    else if (label.indexOf(q) > 0) best = Math.min(best, 4);
    if (curie.indexOf(q) >= 0) best = Math.min(best, 4);
    // entities before the publications and claims that mention them
    if (entry[3] === "individual" && best < 99) best += 6;
    if (entry[3] === "claim" && best < 99) best += 10;
    if (entry[5] && best < 99) best += 20;  // deprecated terms last
    return best;
  }

  function search(text) {
    var q = text.trim().toLowerCase();
    if (!q) return [];
    var found = [];
    index.forEach(function (entry) {
      var s = score(entry, q);
      if (s < 99) found.push([s, entry]);
    });
    found.sort(function (a, b) {
      return a[0] - b[0] || (a[1][0] < b[1][0] ? -1 : a[1][0] > b[1][0] ? 1 : 0);
    });
    return found.map(function (f) { return f[1]; });
  }

  function matchedSynonym(entry, q) {
    q = q.trim().toLowerCase();
    if (entry[0].toLowerCase().indexOf(q) >= 0) return "";
    for (var i = 0; i < entry[4].length; i++) {
      if (entry[4][i].toLowerCase().indexOf(q) >= 0) return entry[4][i];
    }
    return "";
  }

  function fill(list, results, q, limit) {
    while (list.firstChild) list.removeChild(list.firstChild);
    results.slice(0, limit).forEach(function (entry) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + entry[2];
      a.textContent = entry[0];
      li.appendChild(a);
      var curie = document.createElement("span");
      curie.className = "curie";
      curie.textContent = " " + entry[1];
      li.appendChild(curie);
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = entry[5] ? entry[3] + ", deprecated" : entry[3];
      li.appendChild(document.createTextNode(" "));
      li.appendChild(kind);
      var syn = matchedSynonym(entry, q);
      if (syn) {
        var note = document.createElement("span");
        note.className = "syn-kind";
        note.textContent = " (" + syn + ")";
        li.appendChild(note);
      }
      list.appendChild(li);
    });
  }

  var box = document.getElementById("site-search");
  var drop = document.getElementById("search-results");
  if (box && drop) {
    box.addEventListener("input", function () {
      var results = search(box.value);
      fill(drop, results, box.value, 12);
      drop.hidden = results.length === 0;
    });
    var links = function () { return Array.prototype.slice.call(drop.querySelectorAll("a")); };
    // arrow keys move through the results, Escape closes them, Enter on the box opens search.html
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { drop.hidden = true; }
      if (event.key === "ArrowDown" && !drop.hidden && links().length) {
        event.preventDefault();
        links()[0].focus();
      }
    });
    drop.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && at < all.length - 1) { event.preventDefault(); all[at + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? all[at - 1] : box).focus(); }
      if (event.key === "Escape") { drop.hidden = true; box.focus(); }
    });
    document.addEventListener("click", function (event) {
      if (!box.form.contains(event.target)) drop.hidden = true;
    });
  }

  var page = document.getElementById("search-page-results");
  if (page) {
    var q = new URLSearchParams(window.location.search).get("q") || "";
    if (box) box.value = q;
    var results = search(q);
    fill(page, results, q, LIMIT);
    var status = document.getElementById("search-status");
    if (status && q) {
      status.textContent = results.length + (results.length === 1 ? " match" : " matches") +
        " for \u201c" + q + "\u201d" + (results.length > LIMIT ? " (first " + LIMIT + " shown)" : "") + ".";
    }
    page.setAttribute("data-count", String(results.length));
  }

  window.cytokineRdfSearch = search;
})();

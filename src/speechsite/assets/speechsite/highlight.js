/* Search landing: a page opened from a search hit carries the query as ?h=… (Material's
 * convention); the words searched for are marked in the paragraph or heading the hit links to
 * (or in the whole article when the address has no #anchor) and the first is scrolled into
 * view. Matching is the search's: each character normalised as the index does (full/half
 * width, case, traditional/simplified), several words separated by spaces all marked.
 * Runs on page load and after Material's instant navigation; works from file:// too.
 */
(function () {
  "use strict";
  var SKIP = "a.cite, button, .chips, .repair-ref, .cite-panel, mark.search-hit";

  function query() {
    var h = new URLSearchParams(window.location.search).get("h");
    return h && h.trim() ? h : null;
  }

  function target() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var node = id && document.getElementById(id);
    return node || document.querySelector("article.md-content__inner");
  }

  function textNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement && node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  // Code points of the text, each with its text node and offset (UTF-16) in that node.
  function characters(nodes, normalise) {
    var chars = [];
    nodes.forEach(function (node) {
      var offset = 0;
      Array.from(node.data).forEach(function (ch) {
        chars.push({ code: normalise(ch)[0], node: node, at: offset, size: ch.length });
        offset += ch.length;
      });
    });
    return chars;
  }

  function spans(chars, terms) { // [start, end) in chars of every occurrence of every term
    var marked = new Uint8Array(chars.length);
    terms.forEach(function (term) {
      for (var i = 0; i + term.length <= chars.length; i++) {
        var k = 0;
        while (k < term.length && chars[i + k].code === term[k]) k++;
        if (k === term.length) for (k = 0; k < term.length; k++) marked[i + k] = 1;
      }
    });
    var out = [];
    for (var i = 0; i < chars.length; i++) {
      if (!marked[i]) continue;
      var j = i;
      while (j + 1 < chars.length && marked[j + 1] && chars[j + 1].node === chars[i].node) j++;
      out.push([i, j + 1]);
      i = j;
    }
    return out;
  }

  function wrap(chars, span) {
    var first = chars[span[0]], last = chars[span[1] - 1];
    var range = document.createRange();
    range.setStart(first.node, first.at);
    range.setEnd(last.node, last.at + last.size);
    var mark = document.createElement("mark");
    mark.className = "search-hit";
    range.surroundContents(mark);
    return mark;
  }

  function highlight(engine) {
    var q = query(), root = q && target();
    if (!root || root.querySelector("mark.search-hit")) return;
    var normalise = engine ? function (ch) { return engine.normalise(ch); } : function (ch) { return [ch.codePointAt(0)]; };
    var terms = engine ? engine.terms(q) : q.split(/\s+/).filter(Boolean).map(function (t) { return Array.from(t, function (c) { return c.codePointAt(0); }); });
    var chars = characters(textNodes(root), normalise);
    var found = spans(chars, terms);
    var marks = [];
    for (var n = found.length - 1; n >= 0; n--) marks.unshift(wrap(chars, found[n])); // from the end: offsets stay valid
    if (marks.length) {
      root.dataset.searchHits = String(marks.length);
      marks[0].scrollIntoView({ block: "center" });
    }
  }

  function run() {
    if (!query()) return;
    var api = window.speechsiteSearchEngine;
    if (!api) { highlight(null); return; }
    api.open().then(highlight, function () { highlight(null); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(run);
}());

/* Passage reuse (同文): the lists behind the 同文 markers on speech pages, and the comparison
 * view (reuse/compare.html?a=<slug>&b=<slug>).
 *
 * A speech's data is the script reuse/speeches/<slug>.js (src/speechsite/render/reuse_data.py
 * documents it), which calls window.__speechsiteReuse(slug, packed); it is loaded by <script>
 * injection on demand, so the same code works served and from file://, and `packed` is
 * deflated JSON that search.js's `unpack` opens. Everything shown is built from text nodes:
 * source text is never HTML.
 */
(function () {
  "use strict";
  var pending = {};
  var loads = {};

  window.__speechsiteReuse = function (slug, packed) {
    var waiting = pending[slug];
    if (waiting) waiting(packed);
  };

  function unpack(packed) {
    var engine = window.speechsiteSearchEngine;
    return engine ? engine.unpack(packed) : Promise.reject(new Error("search.js is missing"));
  }

  function load(src, slug) {
    if (!loads[slug]) {
      loads[slug] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        pending[slug] = function (packed) { delete pending[slug]; resolve(unpack(packed)); };
        script.charset = "utf-8";
        script.src = src;
        script.onload = script.onerror = function () {
          script.remove();
          if (pending[slug]) { delete pending[slug]; delete loads[slug]; reject(new Error(src)); }
        };
        document.head.appendChild(script);
      });
    }
    return loads[slug];
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text, className) {
    var a = el("a", className, text);
    a.href = href;
    return a;
  }

  function compareHref(root, a, b) {
    return root + "reuse/compare.html?a=" + encodeURIComponent(a) + "&b=" + encodeURIComponent(b);
  }

  function about(speech) { // [slug, title, date, level, place, page]
    return [speech[2], speech[3], speech[4]].filter(Boolean).join(" · ");
  }

  /* Speech pages: a 同文 marker opens (and closes) the list of other places under its paragraph. */

  function placeItem(data, row, root) { // row: [speech, paragraph id, citation, shared, similarity]
    var speech = data.speeches[row[0]];
    var li = el("li");
    li.appendChild(link(root + speech[5] + "#" + encodeURIComponent(row[1]), "《" + speech[1] + "》", "reuse-place"));
    if (row[2]) li.appendChild(el("span", "reuse-cite", row[2]));
    if (about(speech)) li.appendChild(el("span", "reuse-meta", about(speech)));
    li.appendChild(el("span", "reuse-share", "共有 " + row[3] + " 字，占较短一段的 " + Math.round(row[4] * 100) + "%"));
    if (data.pairs[speech[0]]) {
      li.appendChild(link(compareHref(root, data.speeches[0][0], speech[0]), "对照", "reuse-compare-link"));
    }
    return li;
  }

  function placeList(data, paragraph, root, others) {
    var rows = data.links[paragraph.id] || [];
    var box = el("div", "reuse-list");
    box.id = "reuse-" + paragraph.id;
    var more = others > rows.length ? "（共 " + others + " 篇，列出共有文字最多的 " + rows.length + " 篇）" : "";
    box.appendChild(el("p", "reuse-head", "本段的文字也见于以下讲话" + more + "，按时间先后；本段中相同的句子已标出："));
    var list = el("ol");
    rows.forEach(function (row) { list.appendChild(placeItem(data, row, root)); });
    box.appendChild(list);
    return box;
  }

  function toggle(mark) {
    var source = document.querySelector(".reuse-source");
    var paragraph = mark.closest("p.para");
    if (!source || !paragraph) return false;
    var next = paragraph.nextElementSibling;
    if (next && next.classList.contains("reuse-list")) {
      next.remove();
      paragraph.classList.remove("reuse-open");
      mark.setAttribute("aria-expanded", "false");
      return true;
    }
    var others = Number((mark.textContent.match(/\d+/) || ["0"])[0]);
    load(source.dataset.src, source.dataset.slug).then(function (data) {
      paragraph.after(placeList(data, paragraph, source.dataset.root, others));
      paragraph.classList.add("reuse-open");
      mark.setAttribute("aria-expanded", "true");
    }, function () {
      mark.title = "未能载入同文数据";
    });
    return true;
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("a.reuse-mark");
    if (mark && toggle(mark)) event.preventDefault();
  });

  /* The comparison view: the paragraph pairs of two speeches side by side. */

  function marked(text, shared, changed) {
    // Cut the text where a shared span or a changed range starts or ends; style each piece.
    var cuts = [0, text.length];
    shared.concat(changed).forEach(function (span) { cuts.push(span[0], span[1]); });
    cuts = Array.from(new Set(cuts)).filter(function (at) { return at >= 0 && at <= text.length; });
    cuts.sort(function (x, y) { return x - y; });
    var out = el("span", "text");
    function within(spans, at) { return spans.some(function (span) { return span[0] <= at && at < span[1]; }); }
    for (var i = 0; i + 1 < cuts.length; i++) {
      var piece = text.slice(cuts[i], cuts[i + 1]);
      if (!piece) continue;
      var node = within(changed, cuts[i]) ? el("mark", "changed", piece)
        : el("span", within(shared, cuts[i]) ? "shared" : "unshared", piece);
      out.appendChild(node);
    }
    return out;
  }

  function side(data, paragraphId, shared, changed, root) {
    var cell = el("div", "reuse-side");
    var paragraph = data.paragraphs[paragraphId] || ["", ""]; // [citation, text]
    var speech = data.speeches[0];
    cell.appendChild(link(root + speech[5] + "#" + encodeURIComponent(paragraphId), paragraph[0] || "¶", "cite"));
    cell.appendChild(document.createTextNode(" "));
    cell.appendChild(marked(paragraph[1], shared, changed));
    return cell;
  }

  function heading(data, root) {
    var speech = data.speeches[0];
    var cell = el("div", "reuse-side reuse-speech");
    cell.appendChild(link(root + speech[5], speech[1]));
    if (about(speech)) cell.appendChild(el("span", "reuse-meta", about(speech)));
    return cell;
  }

  function showComparison(box, first, second, rows) {
    var root = box.dataset.root;
    box.textContent = "";
    box.appendChild(el("p", "reuse-legend",
      "左右两栏是两篇讲话中共有文字的段落；浅色底为相同的句子，红色为其中改动的文字（数字、地名等），灰色为不相同的部分。"));
    var grid = el("div", "reuse-compare-grid");
    grid.appendChild(heading(first, root));
    grid.appendChild(heading(second, root));
    rows.forEach(function (row) { // [own id, other id, shared, own spans, other spans, own diff, other diff]
      grid.appendChild(side(first, row[0], row[3], row[5], root));
      grid.appendChild(side(second, row[1], row[4], row[6], root));
    });
    box.appendChild(grid);
    box.dataset.pairs = String(rows.length);
  }

  function compare() {
    var box = document.querySelector(".reuse-compare");
    if (!box || box.dataset.pairs) return;
    var query = new URLSearchParams(window.location.search);
    var a = query.get("a"), b = query.get("b");
    if (!a || !b) return;
    var src = function (slug) { return box.dataset.root + "reuse/speeches/" + encodeURIComponent(slug) + ".js"; };
    Promise.all([load(src(a), a), load(src(b), b)]).then(function (both) {
      var rows = both[0].pairs[b];
      if (!rows) {
        box.insertBefore(el("p", "reuse-compare-empty", "这两篇讲话没有可供对照的同文段落。"), box.firstChild);
        return;
      }
      showComparison(box, both[0], both[1], rows);
    }, function () {
      box.insertBefore(el("p", "reuse-compare-empty", "未能载入这两篇讲话的同文数据。"), box.firstChild);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", compare);
  } else {
    compare();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(compare);
  }
})();

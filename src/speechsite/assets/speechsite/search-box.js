/* The header search box: runs queries with the engine in search.js and shows the results
 * the way Material's search does (grouped by speech, excerpt with the match marked).
 * Loads nothing before the first query. Every text shown goes in as a text node.
 */
(function () {
  "use strict";
  var PAGE = 10, BEFORE = 30, WINDOW = 140;
  var LEVEL_NAMES = { "中央": "中央/国家级", "省": "省级", "市": "市级", "县": "县级", "区": "区级", "乡镇": "乡镇级" };
  var root = document.querySelector("[data-speechsite-search]");
  if (!root) return;
  var input = root.querySelector("[data-speechsite-search-query]");
  var result = root.querySelector("[data-speechsite-search-result]");
  var meta = result.querySelector(".md-search-result__meta");
  var list = result.querySelector(".md-search-result__list");
  var spread = document.createElement("details"); // how the hits spread over years and levels
  spread.className = "speechsite-search__spread";
  spread.hidden = true;
  result.insertBefore(spread, list);
  // Under `mkdocs serve` the search index is made again after the page reloads, in the
  // background; while it is, the site holds search/refreshing.json (serve_static.py).
  var refreshing = document.createElement("p");
  refreshing.className = "speechsite-search__refreshing";
  refreshing.textContent = "搜索索引更新中……结果可能还不含刚保存的改动";
  refreshing.hidden = true;
  meta.parentNode.insertBefore(refreshing, meta);
  var toggle = document.getElementById("__search");
  var enginePromise = null, seq = 0, current = null;

  function checkRefreshing() { // only where MkDocs' live-reload script runs: a built site has no marker
    if (typeof window.livereload !== "function") return;
    fetch(api().base + "search/refreshing.json", { cache: "no-store" }).then(function (response) {
      if (!response.ok && !refreshing.hidden) enginePromise = null; // refreshed: load the new index
      refreshing.hidden = !response.ok;
    }, function () { refreshing.hidden = true; });
  }

  function api() { return window.speechsiteSearchEngine; }

  function engine() {
    if (!enginePromise) {
      enginePromise = api().open();
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function finish(query, state) { result.dataset.query = query; result.dataset.state = state; }

  function run() {
    var query = input.value, my = ++seq;
    checkRefreshing();
    result.dataset.state = "loading";
    list.textContent = "";
    spread.textContent = "";
    spread.hidden = true;
    current = null;
    result.dataset.shown = "0";
    if (!query.split(api().whitespace).join("")) {
      meta.textContent = "输入要查找的文字，空格分隔的多个词须同时出现";
      delete result.dataset.hits;
      return finish(query, "done");
    }
    meta.textContent = "正在查找…";
    engine().then(function (e) {
      return e.search(query).then(function (found) {
        if (my !== seq) return;
        current = { engine: e, found: found, shown: 0, group: null, query: query.trim() };
        showMeta(e, found);
        showSpread(e.spread(found.units));
        showPages(e.pages(found.terms));
        return more(my);
      });
    }).then(function () { if (my === seq) finish(query, "done"); }, function (error) {
      if (my !== seq) return;
      meta.textContent = "搜索索引加载失败（" + error.message + "），请刷新页面重试";
      finish(query, "error");
    });
  }

  function showMeta(e, found) {
    var hits = found.units.length;
    result.dataset.hits = String(hits);
    meta.textContent = hits
      ? "找到 " + hits + " 段，分布在 " + e.speechCount(found.units) + " 篇讲话中"
      : "没有找到包含“" + input.value.trim() + "”的段落";
  }

  // One line: the years with hits; opened: per year and per level the hits (段), the speeches
  // with hits and n, the speeches of the corpus there — counts, never shares.
  function showSpread(counts) {
    var hit = counts.years.filter(function (row) { return row.units; });
    if (!hit.length) return;
    var summary = el("summary", "speechsite-search__spread-summary", "按年份：" + hit.map(function (row) {
      return (row.key === "undated" ? "未注明日期" : row.key + " 年") + " " + row.units + " 段";
    }).join(" · "));
    spread.appendChild(summary);
    spread.appendChild(spreadTable("years", "年份", counts.years, function (key) {
      return key === "undated" ? "未注明日期" : key + " 年";
    }));
    if (counts.levels.length) spread.appendChild(spreadTable("levels", "层级", counts.levels, function (key) {
      return key ? (LEVEL_NAMES[key] || key) : "未注明层级";
    }));
    spread.hidden = false;
  }

  function spreadTable(figure, first, rows, label) {
    var table = el("table", "speechsite-search__spread-table");
    table.dataset.figure = figure;
    var head = el("tr");
    [first, "段落", "讲话"].forEach(function (h) { head.appendChild(el("th", "", h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody")), top = Math.max.apply(null, rows.map(function (row) { return row.units; })) || 1;
    rows.forEach(function (row) {
      var tr = el("tr");
      tr.dataset.key = row.key;
      tr.dataset.units = String(row.units);
      tr.dataset.speeches = String(row.speeches);
      tr.dataset.total = String(row.total);
      tr.appendChild(el("td", "", label(row.key)));
      var cell = el("td", "speechsite-search__spread-units"), bar = el("span", "speechsite-search__bar");
      bar.style.width = (row.units / top * 4).toFixed(2) + "em";
      cell.appendChild(bar);
      cell.appendChild(document.createTextNode(row.units + " 段"));
      tr.appendChild(cell);
      tr.appendChild(el("td", "", row.speeches + "/" + row.total + " 篇"));
      body.appendChild(tr);
    });
    return table;
  }

  function showPages(pages) {
    pages.forEach(function (page) {
      var li = el("li", "md-search-result__item speechsite-search__page");
      var a = el("a", "md-search-result__link");
      a.href = api().base + page.url;
      a.dataset.page = page.url;
      var article = el("article", "md-search-result__article md-typeset");
      article.appendChild(el("span", "speechsite-search__kind", page.kind === "term" ? "词条" : "专题"));
      article.appendChild(el("span", "speechsite-search__name", page.name));
      a.appendChild(article);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function more(my) {
    var c = current, units = c.found.units.slice(c.shown, c.shown + PAGE);
    return c.engine.blocksOf(units).then(function () {
      if (my !== seq || c !== current) return;
      var button = list.querySelector(".speechsite-search__more");
      if (button) button.remove();
      units.forEach(function (u) { showHit(c, c.engine.unit(u)); });
      c.shown += units.length;
      result.dataset.shown = String(c.shown);
      var left = c.found.units.length - c.shown;
      if (left > 0) {
        var li = el("li", "speechsite-search__more");
        var b = el("button", "md-button", "显示更多（还有 " + left + " 段）");
        b.type = "button";
        b.addEventListener("click", function () { b.disabled = true; more(seq); });
        li.appendChild(b);
        list.appendChild(li);
      }
    });
  }

  function showHit(c, unit) {
    if (!c.group || c.group.speech !== unit.speech) {
      var li = el("li", "md-search-result__item speechsite-search__speech");
      var title = el("a", "md-search-result__link speechsite-search__title", unit.title);
      title.href = api().base + unit.url;
      var hits = el("ol", "speechsite-search__hits");
      li.appendChild(title);
      li.appendChild(hits);
      list.appendChild(li);
      c.group = { speech: unit.speech, hits: hits };
    }
    var item = el("li", "speechsite-search__hit");
    var a = el("a", "md-search-result__link");
    // ?h= (Material's convention): highlight.js marks the words on the page it opens.
    a.href = api().base + unit.url + "?h=" + encodeURIComponent(c.query) + (unit.anchor ? "#" + unit.anchor : "");
    a.dataset.unit = unit.url + "#" + unit.anchor;
    var article = el("article", "md-search-result__article md-typeset");
    if (unit.kind === "paragraph" && unit.heading) article.appendChild(el("div", "speechsite-search__heading", unit.heading));
    article.appendChild(excerpt(unit.text, c.found.terms, c.engine));
    if (unit.citation) article.appendChild(el("span", "speechsite-search__cite", unit.citation));
    a.appendChild(article);
    item.appendChild(a);
    c.group.hits.appendChild(item);
  }

  function excerpt(text, terms, e) {
    var chars = Array.from(text), norm = e.normalise(text), marked = new Uint8Array(chars.length), first = -1;
    terms.forEach(function (t) {
      for (var i = 0; i + t.length <= norm.length; i++) {
        var k = 0;
        while (k < t.length && norm[i + k] === t[k]) k++;
        if (k < t.length) continue;
        if (first < 0 || i < first) first = i;
        for (k = 0; k < t.length; k++) marked[i + k] = 1;
      }
    });
    var start = Math.max(0, first - BEFORE), end = Math.min(chars.length, start + WINDOW);
    start = Math.max(0, Math.min(start, end - WINDOW));
    var p = el("p", "speechsite-search__excerpt");
    if (start > 0) p.appendChild(document.createTextNode("…"));
    for (var i = start, j; i < end; i = j) {
      for (j = i; j < end && marked[j] === marked[i]; j++);
      var piece = document.createTextNode(chars.slice(i, j).join(""));
      if (marked[i]) { var mark = el("mark"); mark.appendChild(piece); p.appendChild(mark); } else p.appendChild(piece);
    }
    if (end < chars.length) p.appendChild(document.createTextNode("…"));
    return p;
  }

  function open(state) {
    if (toggle && toggle.checked !== state) {
      toggle.checked = state;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  input.addEventListener("input", run);
  if (toggle) toggle.addEventListener("change", function () { // the header's magnifier (mobile)
    if (toggle.checked && document.activeElement !== input) input.focus();
  });
  input.addEventListener("focus", function () { open(true); });
  function links() { return Array.from(list.querySelectorAll("a[data-unit], a[data-page]")); }

  // ↑/↓ move between the results as in Material's search; Esc goes back to the box.
  function step(event) {
    var all = links(), at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      event.preventDefault();
      if (next < 0) input.focus(); else if (next < all.length) all[next].focus();
    } else if (event.key === "Escape" && at >= 0) {
      input.focus();
    }
  }
  list.addEventListener("keydown", step);

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") step(event);
    if (event.key === "Escape") { open(false); input.blur(); }
    if (event.key === "Enter") {
      event.preventDefault();
      var first = links()[0];
      if (first) first.click();
    }
  });
  root.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
  root.querySelector("form").addEventListener("reset", function () { setTimeout(run, 0); });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) open(false);
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target, typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") { event.preventDefault(); input.focus(); input.select(); }
  });
}());

/* Citation buttons on speech pages: each paragraph gets a small 引用 button that copies a
 * ready citation — title, speaker, date, place, section path, citation number and the URL
 * with the paragraph's anchor:
 *
 *   《标题》（讲话人，2022年8月15日，某县），一、… > （一）…，一.（一）¶3。https://…/index.html#p-…
 *
 * Speech-level data comes from the provenance panel's data-cite-* attributes (escaped at
 * build time); the section path is read from the headings above the paragraph. Works from
 * file:// too: without navigator.clipboard (no secure context) it copies through a hidden
 * textarea and document.execCommand("copy"). Runs on page load and after Material's instant
 * navigation.
 */
(function () {
  "use strict";
  var SEPARATOR = " > ";

  function clean(text) { return (text || "").replace(/\s+/g, " ").trim(); }

  function sectionPaths(article) {
    var paths = new Map(), stack = [];
    article.querySelectorAll("h2[id], h3[id], h4[id], h5[id], h6[id], p.para").forEach(function (node) {
      if (node.tagName === "P") { paths.set(node, stack.map(function (h) { return h.text; }).join(SEPARATOR)); return; }
      var level = Number(node.tagName.charAt(1));
      while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level: level, text: clean(node.textContent) });
    });
    return paths;
  }

  function citation(data, section, number, url) {
    var about = [data.citeSpeaker, data.citeDate, data.citePlace].filter(Boolean).join("，");
    var head = "《" + data.citeTitle + "》" + (about ? "（" + about + "）" : "");
    return [head, section, number].filter(Boolean).join("，") + "。" + url;
  }

  function pageUrl(data) {
    return data.citeUrl || window.location.href.split("#")[0];
  }

  function addButtons() {
    var panel = document.querySelector("[data-cite-title]");
    var article = panel && panel.closest("article");
    if (!article) return;
    var paths = sectionPaths(article);
    article.querySelectorAll("p.para[id]").forEach(function (para) {
      if (para.querySelector(".cite-copy")) return;
      var number = para.querySelector("a.cite");
      var text = citation(panel.dataset, paths.get(para) || "", clean(number && number.textContent),
                          pageUrl(panel.dataset) + "#" + para.id);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-copy";
      button.textContent = "引用";
      button.title = "复制这一段的引用";
      button.setAttribute("aria-label", "复制这一段的引用");
      button.dataset.citation = text;
      para.appendChild(button);
    });
  }

  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    if (!copied) throw new Error("copy failed");
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { copyWithTextarea(text); });
    }
    return new Promise(function (resolve) { copyWithTextarea(text); resolve(); });
  }

  function show(button, label, state) {
    button.textContent = label;
    button.classList.add(state);
    window.setTimeout(function () {
      button.textContent = "引用";
      button.classList.remove(state);
    }, 1600);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite-copy");
    if (!button) return;
    event.preventDefault();
    copy(button.dataset.citation).then(
      function () { show(button, "已复制", "copied"); },
      function () { button.title = button.dataset.citation; show(button, "未能复制", "failed"); }
    );
  });

  // Both: Material's document$ fires after each instant navigation but never on file://,
  // where every page is a full load. addButtons skips paragraphs that already have a button.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButtons);
  } else {
    addButtons();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(addButtons);
  }
})();

/* The 引用 menu on speech pages: each paragraph gets a small 引用 button that opens one panel
 * (a disclosure: native radio buttons, a read-only text box, 复制 and 关闭) offering a citation
 * of the paragraph or of the whole speech, as a formatted citation, BibTeX, RIS or CSL-JSON:
 *
 *   《标题》（讲话人，2022年8月15日，某县），一、… > （一）…，一.（一）¶3。https://…/index.html#p-…
 *
 * Speech-level data comes from the provenance panel's data-cite-* attributes (escaped at build
 * time); the section path is read from the headings above the paragraph, without their closing
 * punctuation. Keyboard: Enter/Space on 引用 opens the panel and focuses its first choice, Tab
 * moves through it, Esc closes it and returns to the button. Copying works from file:// too:
 * without navigator.clipboard (no secure context) through the text box and
 * document.execCommand("copy"). Runs on page load and after Material's instant navigation.
 */
(function () {
  "use strict";
  var SEPARATOR = " > ";
  var TRAILING = /[\s。，、；：！？,.;:!?]+$/;
  var FORMATS = [["text", "引文"], ["bibtex", "BibTeX"], ["ris", "RIS"], ["csl", "CSL-JSON"]];
  var SCOPES = [["para", "本段"], ["speech", "全文"]];

  function clean(text) { return (text || "").replace(/\s+/g, " ").trim(); }
  function bare(text) { return clean(text).replace(TRAILING, ""); }

  function sectionPaths(article) {
    var paths = new Map(), stack = [];
    article.querySelectorAll("h2[id], h3[id], h4[id], h5[id], h6[id], p.para").forEach(function (node) {
      if (node.tagName === "P") { paths.set(node, stack.map(function (h) { return h.text; }).join(SEPARATOR)); return; }
      var level = Number(node.tagName.charAt(1));
      while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level: level, text: bare(node.textContent) });
    });
    return paths;
  }

  function pageUrl(data) { return data.citeUrl || window.location.href.split("#")[0].split("?")[0]; }

  // What one citation says: the speech, and for a paragraph its section, number and anchor.
  function record(data, para, paths) {
    var item = {
      id: data.citeId || "speech", title: data.citeTitle, author: data.citeAuthor, speaker: data.citeSpeaker,
      date: data.citeDate, iso: data.citeIso, place: data.citePlace, meeting: data.citeMeeting,
      site: data.citeSite, url: pageUrl(data), section: "", number: ""
    };
    if (para) {
      var number = para.querySelector("a.cite");
      item.section = paths.get(para) || "";
      item.number = clean(number && number.textContent);
      item.url += "#" + para.id;
      item.id += "-" + para.id;
    }
    return item;
  }

  function formatted(item) {
    var about = [item.speaker, item.date, item.place].filter(Boolean).join("，");
    var head = "《" + item.title + "》" + (about ? "（" + about + "）" : "");
    return bare([head, item.section, item.number].filter(Boolean).join("，")) + "。" + item.url;
  }

  function locator(item) {
    return item.number ? "段落 " + item.number + (item.section ? "（" + item.section + "）" : "") : "";
  }

  function bibValue(text) {
    return String(text).replace(/[\\{}%&$#_^~]/g, function (ch) {
      return { "\\": "\\textbackslash{}", "^": "\\^{}", "~": "\\~{}" }[ch] || "\\" + ch;
    }).replace(/\s+/g, " ");
  }

  function bibtex(item) {
    var fields = [
      ["title", item.title], ["author", item.author ? "{" + bibValue(item.author) + "}" : ""],
      ["date", item.iso], ["year", (item.iso || "").slice(0, 4)], ["address", item.place],
      ["eventtitle", item.meeting], ["howpublished", item.site], ["note", locator(item)],
      ["url", item.url], ["language", "chinese"]
    ].filter(function (f) { return f[1]; });
    var key = item.id.replace(/[^A-Za-z0-9_-]/g, "") || "speech";
    return "@misc{" + key + ",\n" + fields.map(function (f) {
      var value = f[0] === "author" || f[0] === "url" ? f[1] : bibValue(f[1]);
      if (f[0] === "url") value = f[1].replace(/[{}%\\]/g, encodeURIComponent);
      return "  " + f[0] + " = {" + value + "}";
    }).join(",\n") + "\n}";
  }

  function ris(item) {
    var iso = item.iso || "", parts = iso.split("-");
    var lines = [["TY", "GEN"], ["TI", item.title], ["AU", item.author],
      ["DA", iso ? parts.concat(["", "", ""]).slice(0, 3).join("/") + "/" : ""], ["PY", iso.slice(0, 4)],
      ["CY", item.place], ["T2", item.meeting], ["PB", item.site], ["UR", item.url], ["N1", locator(item)],
      ["LA", "zh"]];
    return lines.filter(function (l) { return l[1]; }).map(function (l) {
      return l[0] + "  - " + clean(l[1]);
    }).join("\n") + "\nER  - ";
  }

  function csl(item) {
    var out = { id: item.id, type: "speech", title: item.title, language: "zh", URL: item.url };
    if (item.author) out.author = [{ literal: item.author }];
    if (item.iso) out.issued = { "date-parts": [item.iso.split("-").map(Number)] };
    if (item.meeting) out["event-title"] = item.meeting;
    if (item.place) out["event-place"] = item.place;
    if (item.site) out.source = item.site;
    if (item.number) out.note = locator(item);
    return JSON.stringify([out], null, 2);
  }

  var WRITERS = { text: formatted, bibtex: bibtex, ris: ris, csl: csl };

  function choices(name, options, legend) {
    var set = document.createElement("fieldset"), title = document.createElement("legend");
    set.className = "cite-" + name;
    title.textContent = legend;
    set.appendChild(title);
    options.forEach(function (option, n) {
      var label = document.createElement("label"), input = document.createElement("input");
      input.type = "radio"; input.name = "cite-" + name; input.value = option[0]; input.checked = n === 0;
      label.appendChild(input);
      label.appendChild(document.createTextNode(option[1]));
      set.appendChild(label);
    });
    return set;
  }

  function makePanel() {
    var panel = document.createElement("div");
    panel.className = "cite-panel";
    panel.id = "cite-panel";
    panel.hidden = true;
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", "引用");
    panel.appendChild(choices("scope", SCOPES, "引用范围"));
    panel.appendChild(choices("format", FORMATS, "格式"));
    var area = document.createElement("textarea");
    area.readOnly = true; area.rows = 5; area.className = "cite-text";
    area.setAttribute("aria-label", "引用文字");
    panel.appendChild(area);
    var bar = document.createElement("div");
    bar.className = "cite-actions";
    [["cite-do-copy", "复制"], ["cite-close", "关闭"]].forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button"; button.className = "md-button " + b[0]; button.textContent = b[1];
      bar.appendChild(button);
    });
    var status = document.createElement("span");
    status.className = "cite-status"; status.setAttribute("role", "status");
    bar.appendChild(status);
    panel.appendChild(bar);
    return panel;
  }

  var state = { panel: null, button: null, para: null, data: null, paths: null };

  function chosen(name) { return state.panel.querySelector("input[name=cite-" + name + "]:checked").value; }

  function refresh() {
    var para = chosen("scope") === "para" ? state.para : null;
    state.panel.querySelector(".cite-text").value = WRITERS[chosen("format")](record(state.data, para, state.paths));
    state.panel.querySelector(".cite-status").textContent = "";
  }

  function close(focusButton) {
    if (!state.panel || state.panel.hidden) return;
    state.panel.hidden = true;
    if (state.button) {
      state.button.setAttribute("aria-expanded", "false");
      if (focusButton) state.button.focus();
    }
  }

  function open(button) {
    var para = button.closest("p.para");
    if (state.button === button && !state.panel.hidden) { close(true); return; }
    close(false);
    state.button = button; state.para = para;
    para.insertAdjacentElement("afterend", state.panel);
    state.panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    refresh();
    state.panel.querySelector("input[name=cite-scope]:checked").focus();
  }

  function setUp() {
    var data = document.querySelector("[data-cite-title]");
    var article = data && data.closest("article");
    if (!article) return;
    state.data = data.dataset;
    state.paths = sectionPaths(article);
    if (!state.panel || !article.contains(state.panel)) {
      state.panel = makePanel();
      state.panel.addEventListener("change", refresh);
      article.appendChild(state.panel);
    }
    article.querySelectorAll("p.para[id]").forEach(function (para) {
      if (para.querySelector(".cite-copy")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-copy";
      button.textContent = "引用";
      button.title = "引用这一段或全文";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", "cite-panel");
      button.dataset.citation = formatted(record(state.data, para, state.paths));
      para.appendChild(button);
    });
  }

  function copyWithTextarea(area) {
    area.focus();
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    if (!copied) throw new Error("copy failed");
  }

  function copy(area) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(area.value).catch(function () { copyWithTextarea(area); });
    }
    return new Promise(function (resolve) { copyWithTextarea(area); resolve(); });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) return;
    var button = target.closest("button.cite-copy");
    if (button) { event.preventDefault(); open(button); return; }
    if (target.closest(".cite-close")) { close(true); return; }
    if (target.closest(".cite-do-copy")) {
      var status = state.panel.querySelector(".cite-status");
      copy(state.panel.querySelector(".cite-text")).then(
        function () { status.textContent = "已复制"; },
        function () { status.textContent = "未能复制，请手动选中上面的文字复制"; }
      );
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && state.panel && !state.panel.hidden && state.panel.contains(document.activeElement)) {
      event.preventDefault();
      close(true);
    }
  });

  // Both: Material's document$ fires after each instant navigation but never on file://,
  // where every page is a full load. setUp skips paragraphs that already have a button.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  }
})();

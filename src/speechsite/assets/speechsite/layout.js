/* Two reading aids, both without effect where script is off (the page is complete without them):
 *
 * - Speech pages: one button in the 专题 line hides or shows the topic chips of every section
 *   and paragraph; the choice is remembered (localStorage) for every speech page.
 * - The topics index: when the heatmap is wider than the page, a shade at the edge that has
 *   more columns and a line of text say so (表格较宽，可左右滚动), updated as the reader scrolls.
 *
 * Runs on page load and after Material's instant navigation (document$), never twice per element.
 */
(function () {
  "use strict";
  var KEY = "speechsite.chips";
  var HIDDEN = "ss-chips-hidden";

  function remembered() {
    try { return window.localStorage.getItem(KEY) === "hidden"; } catch (error) { return false; }
  }
  function remember(hidden) {
    try { window.localStorage.setItem(KEY, hidden ? "hidden" : "shown"); } catch (error) { /* private mode */ }
  }
  function label(button, hidden) {
    button.textContent = hidden ? "显示段落专题标签" : "隐藏段落专题标签";
    button.setAttribute("aria-pressed", hidden ? "true" : "false");
  }

  function chipsToggle() {
    var line = document.querySelector(".md-typeset p.topics-line");
    if (!line || line.querySelector(".chips-toggle")) return;
    if (!document.querySelector(".md-typeset .para-topics, .md-typeset .section-topics")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "chips-toggle";
    label(button, remembered());
    button.addEventListener("click", function () {
      var hidden = !document.documentElement.classList.contains(HIDDEN);
      document.documentElement.classList.toggle(HIDDEN, hidden);
      remember(hidden);
      label(button, hidden);
    });
    line.appendChild(button);
  }

  function scrollCue(frame) {
    var wrap = frame.querySelector(".topic-heatmap-wrap");
    if (!wrap || frame.dataset.cue) return;
    frame.dataset.cue = "1";
    var hint = document.createElement("p");
    hint.className = "topic-note topic-scroll-hint";
    hint.textContent = "表格较宽，可左右滚动查看全部专题 →";
    frame.parentNode.insertBefore(hint, frame);
    function update() {
      var more = wrap.scrollWidth - wrap.clientWidth;
      frame.classList.toggle("ss-scrolls", more > 1);
      frame.classList.toggle("ss-more-left", wrap.scrollLeft > 1);
      frame.classList.toggle("ss-more-right", wrap.scrollLeft < more - 1);
      hint.hidden = more <= 1;
    }
    wrap.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  }

  function setUp() {
    document.documentElement.classList.toggle(HIDDEN, remembered());
    chipsToggle();
    document.querySelectorAll(".md-typeset .topic-heatmap-frame").forEach(scrollCue);
  }

  // Both: Material's document$ fires after each instant navigation but never on file://.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  }
})();

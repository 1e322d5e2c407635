"""The escaping module: source text never becomes markup, redaction marks become styled spans."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from speechsite.annotate import Mark
from speechsite.annotate.terms import short_definition
from speechsite.render.text import (
    REDACTION_TITLE,
    escape_text,
    front_matter_title,
    md_heading,
    render_inline,
)

SPAN = f'<span class="redaction" title="{REDACTION_TITLE}">'
TAG = re.compile(r"<(?!/?span\b)")


@dataclass
class Terms:
    titles: dict[str, str]

    def term_title(self, slug: str) -> str | None:
        return self.titles.get(slug)


def visible_text(fragment: str) -> str:
    """What a browser shows for an HTML fragment: tags dropped, references decoded
    (numeric ones by hand: html.unescape drops control characters, browsers keep them)."""
    text = re.sub(r"<[^>]+>", "", fragment)
    return html.unescape(re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), text))


def test_escape_text_escapes_html_and_markdown_characters() -> None:
    assert escape_text("<script>alert(1)</script>") == "&#60;script&#62;alert(1)&#60;/script&#62;"
    assert escape_text("a & b \"c\" 'd'") == "a &#38; b &#34;c&#34; &#39;d&#39;"
    assert escape_text("[x](javascript:alert(1))") == "&#91;x&#93;(javascript&#58;alert(1))"
    assert escape_text("{{ config }} $x$ | a |") == "&#123;&#123; config &#125;&#125; &#36;x&#36; &#124; a &#124;"


def test_escape_text_marks_star_runs_as_redactions() -> None:
    assert escape_text("平安*建设") == f"平安{SPAN}&#42;</span>建设"
    assert escape_text("下降**%") == f"下降{SPAN}&#42;&#42;</span>%"
    assert escape_text("***国安办") == f"{SPAN}&#42;&#42;&#42;</span>国安办"
    assert escape_text("全角＊＊") == f"全角{SPAN}＊＊</span>"


def test_escape_text_marks_x_runs_but_not_latin_words() -> None:
    assert escape_text("平安XX") == f"平安{SPAN}XX</span>"
    assert escape_text("“XXXX”目标") == f"“{SPAN}XXXX</span>”目标"
    assert escape_text("ＸＸ县") == f"{SPAN}ＸＸ</span>县"
    assert escape_text("XXL 号 TAXX") == "XXL 号 TAXX"
    assert escape_text("X光") == "X光"  # a single X is a letter, not a redaction


def test_emphasis_syntax_shows_as_redaction_not_emphasis() -> None:
    rendered = escape_text("*emph* 和 **bold**")
    assert "<em>" not in rendered and "<strong>" not in rendered
    assert visible_text(rendered) == "*emph* 和 **bold**"


@given(st.text())
def test_escape_text_keeps_every_character_and_creates_only_redaction_spans(text: str) -> None:
    rendered = escape_text(text)
    assert not TAG.search(rendered)
    assert visible_text(rendered) == text


def _two_pass_escape(text: str) -> str:
    """The first implementation of escape_text: redaction marks, then escape between them."""
    from speechsite.render.text import REDACTION, escape_plain, redaction_span

    parts, last = [], 0
    for match in REDACTION.finditer(text):
        parts += [escape_plain(text[last : match.start()]), redaction_span(match.group())]
        last = match.end()
    return "".join([*parts, escape_plain(text[last:])])


@given(st.text(alphabet=st.sampled_from("*＊XＸxA安全 <>&\"'_[]#\n\t") | st.characters()))
def test_one_pass_escape_equals_the_two_pass_reference(text: str) -> None:
    assert escape_text(text) == _two_pass_escape(text)


@given(st.text())
def test_escaped_text_survives_markdown_unchanged(text: str) -> None:
    text = text.replace("\x00", "")
    block = f'<p class="para" id="p-1">{escape_text(text)}</p>'
    out = markdown.markdown(block, extensions=["attr_list", "md_in_html", "toc"])
    assert not TAG.search(out.replace('<p class="para" id="p-1">', "").replace("</p>", ""))
    assert visible_text(out) == text


def test_md_heading_neutralises_every_ascii_punctuation() -> None:
    hostile = "1.坚持 *a* [x](javascript:alert(1)) {: #id } ==m== :smile: $x$ {{ c }} | # <b>&"
    escaped = md_heading(hostile)
    assert not re.search(r"[!-/:-@\[-`{-~]", escaped.replace("&#", "").replace(";", ""))
    assert html.unescape(escaped) == hostile


def test_md_heading_renders_as_plain_heading_text() -> None:
    hostile = "*重要* [x](javascript:alert(1)) {: #evil } `code` ==m== 1. # |a|"
    md = markdown.Markdown(extensions=["attr_list", "toc"])
    out = md.convert(f"## {md_heading(hostile)} {{#s-1}}")
    assert out.startswith('<h2 id="s-1">') and out.endswith("</h2>")
    assert visible_text(out) == hostile
    assert not TAG.search(out.replace('<h2 id="s-1">', "").replace("</h2>", ""))
    assert html.unescape(md.toc_tokens[0]["name"]) == hostile  # type: ignore[attr-defined]


def test_md_heading_flattens_line_breaks() -> None:
    assert md_heading("一、\n要\t统一") == "一、 要 统一"


def test_md_heading_keeps_markdowns_placeholder_markers_as_text() -> None:
    """\x02…\x03 around a number is how Python-Markdown marks a stashed HTML block: raw in a
    heading it would be dropped, or replaced by another block of the page."""
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc"])
    hostile = "一、\x02wzxhzdk:0\x03要\x01统一\x1f"
    out = md.convert(f'<p class="x">stashed</p>\n\n## {md_heading(hostile)} {{#s-1}}')
    heading = out[out.index("<h2"):]
    assert heading == '<h2 id="s-1">一、&#2;wzxhzdk&#58;0&#3;要&#1;统一&#31;</h2>'
    assert visible_text(heading) == hostile


ODD_TITLES = (
    "讲话\x80\x85\x9f\x7f", "讲话\u2028一\u2029二", "讲话\ufeff\ufffe\uffff\U0001fffe\U0010ffff",
    '</title><script>alert(1)</script>', 'a: "b"\n- c\\', "讲话\x02wzxhzdk:0\x03",
)


@pytest.mark.parametrize("title", ODD_TITLES)
def test_front_matter_title_survives_mkdocs_front_matter_reader(title: str) -> None:
    """MkDocs reads the front matter with PyYAML, which refuses C1 controls and non-characters
    (and would then print the front matter as text) and folds NEL: the title comes back whole,
    HTML-escaped."""
    body, meta = get_data(f"{front_matter_title(title)}\n\n# x\n")
    assert body.strip() == "# x"
    assert visible_text(meta["title"]) == title
    assert "<" not in meta["title"] and '"' not in meta["title"]


PAGE = "speeches/demo/index.md"


def test_render_inline_links_first_occurrence_of_each_term_only() -> None:
    text = "坚持枫桥经验，发展枫桥经验"
    marks = [Mark(2, 6, "term", "fengqiao"), Mark(9, 13, "term", "fengqiao")]
    out = render_inline(text, marks, Terms({"fengqiao": "依靠群众就地化解矛盾"}), PAGE)
    assert out == (
        '坚持<a class="term" href="../../glossary/fengqiao/index.html" title="依靠群众就地化解矛盾">'
        "枫桥经验</a>，发展枫桥经验"
    )


def test_render_inline_never_nests_or_overlaps_links() -> None:
    text = "推进市域社会治理现代化"
    marks = [
        Mark(2, 11, "term", "shiyu-xiandaihua"),
        Mark(2, 8, "term", "shiyu-shehui-zhili"),
        Mark(4, 8, "term", "shehui-zhili"),
        Mark(0, 2, "topic", "governance"),
    ]
    terms = Terms({"shiyu-xiandaihua": "x", "shiyu-shehui-zhili": "y", "shehui-zhili": "z"})
    out = render_inline(text, marks, terms, PAGE)
    assert out.count("<a ") == 1 and "shiyu-xiandaihua" in out
    assert visible_text(out) == text


def test_render_inline_skips_unknown_terms_and_topics() -> None:
    out = render_inline("平安**建设", [Mark(0, 2, "term", "nope"), Mark(0, 2, "topic", "t")], Terms({}), PAGE)
    assert out == f"平安{SPAN}&#42;&#42;</span>建设"


def test_render_inline_escapes_term_title_and_text() -> None:
    out = render_inline("a<b>c", [Mark(1, 4, "term", "k")], Terms({"k": 'say "hi" <now>'}), PAGE)
    assert out == (
        'a<a class="term" href="../../glossary/k/index.html" title="say &#34;hi&#34; &#60;now&#62;">'
        "&#60;b&#62;</a>c"
    )


def test_short_definition_takes_first_sentence() -> None:
    assert short_definition("第一句。第二句。") == "第一句。"
    assert short_definition("长" * 100, limit=10) == "长" * 9 + "…"

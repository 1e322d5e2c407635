"""Fuzzing the whole path from bytes to HTML with Hypothesis.

Generated speech-like documents (title lines, salutations, 一、/（一）/1./一要 headings,
page-number lines, quotes, mixed punctuation, redaction marks, HTML/Markdown payloads) are
encoded in several encodings and line-end styles, then read → repaired → parsed →
rendered. Nothing may raise but `SourceError`, whose message names the file; the fidelity
property holds; the text reads back exactly; every paragraph and heading renders as inert
text. 2,000 documents by default; `pytest --fuzz-examples N tests/test_fuzz.py` (or
FUZZ_EXAMPLES=N) runs N, for a nightly-style run.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache

import payloads
import pytest
from bs4 import BeautifulSoup
from conftest import SOURCES, fuzz_examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speechsite.annotate import annotate
from speechsite.annotate.glossary import load_glossary
from speechsite.annotate.taxonomy import load_taxonomy
from speechsite.errors import SourceError
from speechsite.model import Corpus, SourceInfo, Speech
from speechsite.pipeline import process_source
from speechsite.read import SourceText, decode_bytes, normalise
from speechsite.render.speech import heading_markdown, render_speech
from speechsite.render.text import REDACTION_TITLE, render_inline
from speechsite.repair import fidelity
from speechsite.site.context import RenderContext
from speechsite.site.urls import speech_page

DEFAULT_DOCUMENTS = 2000
HANZI = "在全县安全生产工作会议上的讲话同志们今天我们召开经济发展要坚持以人民为中心推进基层治理现代化落实责任乡镇村社区干部群众"
PUNCTUATION = "，。、；：？！,.;:?!…—“”‘’《》（）()【】 "
TITLES = ["在全县安全生产工作会议上的讲话", "政 府 工 作 报 告", "关于<b>维稳</b>工作的讲话", "讲话"]
FRONT = ["——2023年2月15日在全县会议上", "（2023年2月15日）", "县委书记 张三", "县长", "李四"]
SALUTATIONS = ["同志们：", "各位代表：", "尊敬的各位领导：", "同志们、朋友们：", "同志们！"]
MARKERS = ["一、", "二、", "十二、", "（一）", "（二）", "(三)", "1.", "2、", "１２．", "一要", "二是",
           "首先，", "第一章 ", "第二条 ", "①", "（1）"]
PAGE_NUMBERS = ["- 3 -", "3", "— 12 —", "第3页", "·4·", "12/30"]
REDACTIONS = ["*", "**", "***", "XX", "XXXX", "＊＊", "ＸＸ"]
CLOSINGS = ["同志们，让我们共同努力！", "谢谢大家！", "总之，要抓好落实。"]

words = st.text(alphabet=HANZI, min_size=1, max_size=12)
punctuation = st.sampled_from(PUNCTUATION)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            parts.append(f"“{draw(words)}”")
        elif kind == 1:
            parts.append(draw(st.sampled_from(REDACTIONS)))
        elif kind == 2:
            parts.append(draw(st.sampled_from(payloads.LINES)))
        else:
            parts.append(draw(words) + draw(punctuation))
    return "".join(parts)


line = st.one_of(
    sentence(),
    sentence(),
    st.tuples(st.sampled_from(MARKERS), sentence()).map("".join),
    st.tuples(st.sampled_from(MARKERS), words, st.sampled_from(["", "。"])).map("".join),
    st.sampled_from(PAGE_NUMBERS),
    st.sampled_from(payloads.LINES),
    st.sampled_from(CLOSINGS),
    st.just(""),
    # anything at all (astral planes, controls, line separators), but no lone surrogates
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20),
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(TITLES)))
        lines += draw(st.lists(st.sampled_from(FRONT), max_size=2))
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(SALUTATIONS)))
    lines += draw(st.lists(line, min_size=1, max_size=25))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-sig": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "gb18030": lambda text: text.encode("gb18030"),
    "utf-16-le": lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
    "utf-16-be": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
}
LINE_ENDS = ("\n", "\r\n", "\r")


@cache
def context_for() -> tuple[object, object]:
    """The repository's taxonomy and glossary, loaded once per test session (read-only)."""
    return load_taxonomy(SOURCES / "taxonomy.yml"), load_glossary(SOURCES / "glossary.yml")


def render(speech: Speech) -> tuple[RenderContext, str]:
    taxonomy, glossary = context_for()
    corpus = Corpus((speech,))
    ctx = RenderContext(corpus, annotate(corpus, taxonomy, glossary), taxonomy, glossary)  # type: ignore[arg-type]
    return ctx, render_speech(speech, ctx)


_REDACTION_SPAN = re.compile(rf'<span class="redaction" title="{REDACTION_TITLE}">(.*?)</span>')


def check_document(text: str, encoding: str, line_end: str) -> None:
    try:
        decoded, _ = decode_bytes(ENCODINGS[encoding](text.replace("\n", line_end)), "fuzz.txt")
    except SourceError as error:
        assert str(error).startswith("fuzz.txt"), str(error)
        return
    if encoding != "gb18030" or _chinese(text):  # legacy bytes of non-Chinese text are ambiguous
        assert decoded == normalise(text.replace("\n", line_end))
    source = SourceText(_info(decoded, encoding), decoded)
    try:
        speech = process_source(source)
    except SourceError as error:
        assert str(error).startswith("fuzz.txt:"), str(error)
        return
    assert fidelity.check(speech) == []
    assert fidelity.restore(speech) == fidelity.squeeze(speech.body)
    ctx, page = render(speech)
    assert page.startswith("---\ntitle: ")
    for paragraph in speech.all_paragraphs():
        unit = ctx.annotations.of(speech.slug, paragraph.id)
        shown = BeautifulSoup(render_inline(paragraph.text, unit.marks, ctx, speech_page(speech.slug)),
                              "html.parser")
        assert shown.get_text() == paragraph.text
        assert {(el.name, el["class"][0]) for el in shown.find_all(True)} <= {("span", "redaction"),
                                                                             ("a", "term")}
    for section in speech.all_sections():
        markdown = heading_markdown(section.full_heading)
        shown_heading = _shown(_REDACTION_SPAN.sub(r"\1", markdown))
        assert fidelity.squeeze(shown_heading) == fidelity.squeeze(section.full_heading)
        assert "<" not in _REDACTION_SPAN.sub("", markdown)


def _shown(fragment: str) -> str:
    """References decoded as a browser does (numeric ones by hand: html.unescape drops control
    characters, which headings write as references, browsers keep them)."""
    return re.sub(r"&(#\d+|[a-z]+);", _reference, fragment)


def _reference(match: re.Match[str]) -> str:
    name = match.group(1)
    return chr(int(name[1:])) if name.startswith("#") else html.unescape(match.group())


def _chinese(text: str) -> bool:
    """Mostly Chinese: what a GB18030 file must hold to be read back exactly. A few hanzi
    alone can be valid UTF-8 too (GB18030 `一` is UTF-8 `һ`), and UTF-8 is tried first."""
    others = [c for c in text if not c.isascii() and not c.isspace()]
    hanzi = [c for c in others if "\u3400" <= c <= "\u9fff"]
    kana_cyrillic_greek = [c for c in others if "\u0370" <= c <= "\u04ff" or "\u3040" <= c <= "\u30ff"]
    return len(hanzi) >= 8 and len(hanzi) * 2 >= len(others) and not kana_cyrillic_greek


def _info(text: str, encoding: str) -> SourceInfo:
    return SourceInfo("fuzz.txt", encoding, "0" * 64, len(text))


@pytest.fixture
def examples(request: pytest.FixtureRequest) -> int:
    return fuzz_examples(request.config, DEFAULT_DOCUMENTS)


def test_generated_documents_read_parse_and_render(examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(text=documents(), encoding=st.sampled_from(sorted(ENCODINGS)),
           line_end=st.sampled_from(LINE_ENDS))
    def run(text: str, encoding: str, line_end: str) -> None:
        documents_seen.append(len(text))
        check_document(text, encoding, line_end)

    documents_seen: list[int] = []
    run()
    assert len(documents_seen) >= examples


def test_arbitrary_bytes_only_raise_source_errors(examples: int) -> None:
    @settings(max_examples=max(200, examples // 10), deadline=None, database=None)
    @given(data=st.binary(max_size=400))
    def run(data: bytes) -> None:
        try:
            text, _ = decode_bytes(data, "bytes.txt")
        except SourceError as error:
            assert str(error).startswith("bytes.txt"), str(error)
            return
        try:
            speech = process_source(SourceText(_info(text, "utf-8"), text))
        except SourceError as error:  # e.g. nothing but page numbers: names the file
            assert str(error).startswith("fuzz.txt"), str(error)
            return
        assert fidelity.check(speech) == []

    run()

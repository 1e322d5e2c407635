"""Speech pages rendered from hand-built speeches: structure, escaping, anchors, golden file.

Refresh the golden pages with `.venv/bin/python -m pytest tests/test_speech_page.py --update-goldens`.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from speech_samples import HOSTILE, sample_context, sample_speech

from speechsite.pipeline import Options, build
from speechsite.render.speech import render_speech
from speechsite.site.urls import speech_page

GOLDEN = Path(__file__).parent / "golden" / "pages"
EXTENSIONS = ["attr_list", "md_in_html", "toc", "admonition", "pymdownx.details"]
# Elements the renderer writes itself; anything else would have come from a source.
OWN_TAGS = {"h1", "h2", "h3", "h4", "p", "a", "span", "dl", "dt", "dd", "code", "details",
            "summary", "table", "thead", "tbody", "tr", "th", "td", "br"}


def rendered(speech=None, ctx=None) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    speech = speech or sample_speech()
    page = render_speech(speech, ctx or sample_context(speech))
    front, body = split_front_matter(page)
    return BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")


def split_front_matter(page: str) -> tuple[dict, str]:  # type: ignore[type-arg]
    """The YAML front matter (as MkDocs reads it) and the Markdown after it."""
    assert page.startswith("---\n")
    head, body = page[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def text_of(element: Tag) -> str:
    return element.get_text()


def check_golden(name: str, page: str, update: bool) -> None:
    golden = GOLDEN / name
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8"), f"{golden} differs — refresh with --update-goldens"


def test_golden_markdown(update_goldens: bool) -> None:
    check_golden("sample.md", render_speech(sample_speech(), sample_context()), update_goldens)


@pytest.fixture(scope="module")
def seed_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The five seeds through the whole pipeline, without taxonomy and glossary: these goldens
    follow the parser and the renderer; chips and term links are covered by sample.md."""
    sources = tmp_path_factory.mktemp("seeds")
    for text in SEEDS.glob("*.txt"):
        shutil.copy(text, sources / text.name)
    result = build(Options(sources))
    pages = {f.path: f.content for f in result.site.files}
    return {s.source.path: str(pages[speech_page(s.slug)]) for s in result.corpus.speeches}


@pytest.mark.parametrize("source", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_pages_golden(seed_pages: dict[str, str], source: str, update_goldens: bool) -> None:
    check_golden(source.replace(".txt", ".md"), seed_pages[source], update_goldens)


def test_headings_follow_the_outline_with_explicit_ids() -> None:
    soup = rendered()
    headings = [(h.name, h["id"], text_of(h)) for h in soup.find_all(["h1", "h2", "h3", "h4"])]
    assert headings == [
        ("h1", "title", "在全县综治工作会议上的讲话"),
        ("h2", "s-1", "一、要正确把握维稳形势"),
        ("h3", "s-1-1", "（一）深入推行“321”基层治理模式"),
        ("h2", "s-2", "二、强化XX责任"),
        ("h3", "s-2-1", "（一）把维护国家安全放在首位"),
        ("h4", "s-2-1-1", "1.*重点* [x](javascript:alert(1))。"),
    ]


def test_hostile_text_shows_exactly_and_creates_no_element() -> None:
    soup = rendered()
    para = soup.find(id="p-2-1-1-1")
    assert para is not None
    assert text_of(para.find(class_="text")) == " ".join(HOSTILE)
    inside = [el.name for el in para.find(class_="text").find_all(True)]
    assert set(inside) == {"span"}
    assert all("redaction" in el["class"] for el in para.find(class_="text").find_all(True))
    assert not soup.find_all(["script", "strong", "em", "img", "iframe", "ul", "ol", "blockquote", "pre"])
    assert {el.name for el in soup.find_all(True)} <= OWN_TAGS


def test_redactions_are_styled_with_a_tooltip() -> None:
    soup = rendered()
    marks = [(el.get_text(), el["title"]) for el in soup.select("span.redaction")]
    assert ("**", "原文此处已隐去（脱敏）") in marks
    assert ("XXXX", "原文此处已隐去（脱敏）") in marks
    assert soup.find(id="s-2").find("span", class_="redaction").get_text() == "XX"


def test_every_paragraph_has_a_unique_anchor_and_a_citation_linking_to_it() -> None:
    speech = sample_speech()
    soup = rendered(speech)
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    paragraphs = soup.select("p.para")
    assert [p["id"] for p in paragraphs] == [p.id for p in speech.all_paragraphs()]
    for para, model in zip(paragraphs, speech.all_paragraphs(), strict=True):
        cite = para.find("a", class_="cite")
        assert cite["href"] == f"#{model.id}"
        assert cite.get_text() == model.citation


def test_every_spoken_character_reaches_the_page() -> None:
    speech = sample_speech()
    page_text = rendered(speech).get_text()
    for piece in speech.text_pieces():
        assert piece in page_text


def test_metadata_panel_marks_inferred_values() -> None:
    panel = rendered().find("dl", class_="speech-meta")
    rows = dict(zip([dt.get_text() for dt in panel.find_all("dt")], panel.find_all("dd"), strict=True))
    assert rows["日期"].get_text() == "2022年8月15日"
    assert rows["地点"].get_text() == "某县 推断"
    assert rows["层级"].get_text() == "县级"
    assert "会议" not in rows  # fields not given share one row
    assert rows["未注明"].get_text() == "会议、出处"
    assert panel.find_all("dt")[-3].get_text() == "未注明"
    assert rows["原文文件"].get_text() == "demo/005_demo.txt"
    assert rows["字数"].get_text() == str(sample_speech().char_count())
    assert rendered().find(class_="title-note") is not None


def test_topic_chips_and_term_links() -> None:
    soup = rendered()
    speech_chips = [a.get_text() for a in soup.select(".speech-topics a.chip")]
    assert speech_chips == ["平安建设", "信访维稳"]
    assert [a["href"] for a in soup.select("#p-1-1-1 a.chip")] == ["../../topics/pingan/index.html"]
    terms = soup.select("a.term")
    assert [(a.get_text(), a["href"], a["title"]) for a in terms] == [
        ("枫桥经验", "../../glossary/fengqiao/index.html", "依靠群众就地化解矛盾的经验。")
    ]


def test_no_chips_without_a_taxonomy() -> None:
    ctx = sample_context()
    ctx = replace(ctx, taxonomy=replace(ctx.taxonomy, topics=()))
    assert not rendered(ctx=ctx).select(".chip")


def test_repairs_box_lists_every_repair_and_links_both_ways() -> None:
    soup = rendered()
    box = soup.find("details", class_="repairs")
    assert box is not None and not box.has_attr("open")
    rows = box.select("tbody tr")
    assert [[td.get_text() for td in row.find_all("td")] for row in rows] == [
        ["1", "页码", "6", "1、", "平安**建设", "跳转"],
        ["2", "断行合并", "11", "（仅合并断行）", "重点", "跳转"],
    ]
    assert [row.find_all("a")[-1]["href"] for row in rows] == ["#p-1-1-1", "#s-2-1-1"]
    assert soup.select_one("#p-1-1-1 a.repair-ref")["href"] == "#r-1"


def test_no_repairs_box_when_nothing_was_repaired() -> None:
    assert rendered(replace(sample_speech(), repairs=())).find("details") is None


def test_title_from_text_has_no_inferred_note() -> None:
    speech = replace(sample_speech(), title="在会议上的讲话", meta=replace(sample_speech().meta, title=None, inferred=frozenset()))
    soup = rendered(speech)
    assert soup.h1.get_text() == "在会议上的讲话"
    assert soup.find(class_="title-note") is None


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_title_stays_text(hostile: str) -> None:
    speech = replace(sample_speech(), meta=replace(sample_speech().meta, title=f"讲话{hostile}"))
    soup = rendered(speech)
    assert soup.h1.get_text() == f"讲话{hostile}"
    assert {el.name for el in soup.h1.find_all(True)} <= {"span"}


def test_front_matter_title_is_yaml_safe_and_html_escaped() -> None:
    for hostile in (*HOSTILE, "</title><script>alert(1)</script>", 'a: "b"\n- c', "&amp;"):
        speech = replace(sample_speech(), meta=replace(sample_speech().meta, title=f"讲话{hostile}"))
        front, _ = split_front_matter(render_speech(speech, sample_context(speech)))
        title = front["title"]
        assert "<" not in title and ">" not in title and '"' not in title
        assert visible(title) == f"讲话{hostile}"


def visible(fragment: str) -> str:
    return BeautifulSoup(fragment, "html.parser").get_text()


# Controls too (Python-Markdown's \x02/\x03 markers among them), but no NUL: the reader refuses it.
_PRINTABLE = st.characters(blacklist_categories=("Cs", "Zl", "Zp"), blacklist_characters="\x00")


@settings(max_examples=60, deadline=None)
@given(
    heading=st.text(_PRINTABLE, min_size=1).map(str.strip).filter(bool),
    # no NUL or CR: the reader rejects NUL and normalises line ends (bs4 reads &#13; as a space)
    # and not whitespace only: paragraphs never are, and bs4 reads <span>&#9;</span> as a space
    text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), min_size=1).filter(str.strip),
)
def test_any_heading_and_paragraph_text_survive_the_page(heading: str, text: str) -> None:
    """Whatever the source says, the page shows exactly that and creates no element from it."""
    base = sample_speech()
    para = replace(base.sections[0].subsections[0].paragraphs[0], text=text)
    section = replace(base.sections[0], heading=heading, marker="", terminator="",
                      subsections=(replace(base.sections[0].subsections[0], paragraphs=(para,)),))
    speech = replace(base, sections=(section,), repairs=())
    soup = rendered(speech, sample_context(speech, with_annotations=False))
    h2 = soup.find("h2", id="s-1")
    assert " ".join(h2.get_text().split()) == " ".join(heading.split())
    assert {el.name for el in h2.find_all(True)} <= {"span"}
    shown = soup.find(id=para.id).find(class_="text")
    assert shown.get_text() == text
    assert {el.name for el in shown.find_all(True)} <= {"span"}


def test_untitled_speech_never_shows_its_file_name_as_title() -> None:
    """Inference gives every text with words a title; without one the page says so."""
    base = sample_speech()
    speech = replace(base, title=None, meta=replace(base.meta, title=None, inferred=frozenset()))
    soup = rendered(speech)
    assert soup.h1.get_text() == "无标题讲话"
    assert soup.find(class_="title-note").get_text() == "无标题 原文没有标题行，也无法由正文推断标题。"


def test_metadata_panel_lists_tags_as_text() -> None:
    meta = replace(sample_speech().meta, tags=("平安建设", "<b>x</b>"))
    panel = rendered(replace(sample_speech(), meta=meta)).select_one("dl.speech-meta")
    rows = dict(zip([dt.get_text() for dt in panel.find_all("dt")], panel.find_all("dd"), strict=True))
    assert rows["标签"].get_text() == "平安建设、<b>x</b>"
    assert rows["标签"].find("b") is None

"""The plugin's Markdown extension (render/markdown_blocks.py) changes nothing in the HTML and
takes the paragraph blocks away from Python-Markdown's quadratic raw-HTML and block passes.

The time it saves is measured in benchmarks/bench_long_speech.py (BENCHMARKS.md), not here.
"""

from __future__ import annotations

import shutil

import markdown
import payloads
import pytest
from conftest import ROOT, SEEDS

from speechsite.pipeline import Options, build
from speechsite.render.markdown_blocks import ParagraphBlocks, ParagraphBlocksExtension

EXTENSIONS = ["attr_list", "md_in_html", "toc", "admonition", "pymdownx.details"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every page of the seeds and the payload speech, with the repository's data files."""
    sources = tmp_path_factory.mktemp("sources")
    for text in SEEDS.glob("*.txt"):
        shutil.copy(text, sources / text.name)
    (sources / "payloads.txt").write_text(payloads.payload_speech(), encoding="utf-8")
    data = ROOT / "source_texts"
    result = build(Options(sources, data / "taxonomy.yml", data / "glossary.yml"))
    return {file.path: str(file.content) for file in result.site.files if file.is_page}


def convert(page: str, *extra: object) -> tuple[str, list[dict[str, object]]]:
    md = markdown.Markdown(extensions=[*EXTENSIONS, *extra])  # type: ignore[list-item]
    return md.convert(page), md.toc_tokens  # type: ignore[attr-defined]


def test_every_page_gives_the_same_html_and_toc_with_the_extension(pages: dict[str, str]) -> None:
    assert len(pages) > 20
    for path, page in pages.items():
        assert convert(page, ParagraphBlocksExtension()) == convert(page), path


def test_paragraph_runs_are_stashed_before_the_raw_html_pass(pages: dict[str, str]) -> None:
    page = next(page for path, page in pages.items() if path == "speeches/payloads/index.md")
    md = markdown.Markdown(extensions=EXTENSIONS)
    lines = md.preprocessors["normalize_whitespace"].run(page.split("\n"))
    left = ParagraphBlocks(md).run(lines)
    assert sum(line.startswith('<p class="para"') for line in lines) > 40
    assert [line for line in left if line.startswith('<p class="para"')] == []
    assert len(md.htmlStash.rawHtmlBlocks) < 10  # runs between headings, not one per paragraph


@pytest.mark.parametrize("text", [
    '<p class="a">一</p>\n\n<p class="b">二</p>\n\n## 标题 {#h}\n\n<p class="c">三</p>\n',
    '前文\n<p class="a">紧跟文字的不算独立块</p>\n\n<p class="b">二</p>',
    '<p class="a">一</p><p class="b">同一行两个</p>\n\n<p class="c">三</p>\n',
    '<div markdown="1">\n\n<p class="a">一</p>\n\n</div>\n',
    '<p class="a">一</p>\n\n\n\n<p class="b">二</p>\n',
])
def test_edge_cases_give_the_same_html(text: str) -> None:
    assert convert(text, ParagraphBlocksExtension()) == convert(text)

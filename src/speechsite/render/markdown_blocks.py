"""A Python-Markdown extension that keeps pages of any length cheap to parse.

Python-Markdown (3.x) ends every raw-HTML block by matching a regex against a copy of the
rest of the document (`rawdata[pos:]` in `htmlparser.HTMLExtractor.handle_endtag`), so a
page of n raw-HTML blocks costs O(n²): a speech of 60,000 paragraphs took 73 s to build and
one of 100,000 over ten minutes. A speech page is mostly such blocks, one per paragraph.

The renderers write each paragraph as one line of raw HTML between blank lines
(render/speech.py: `<p class="…">…</p>`, text escaped, so no `<p` inside). Python-Markdown
stores such a block in its HTML stash unchanged and puts it back at the end. This
preprocessor, run just before the raw-HTML pass, stores those lines in the stash itself:
the HTML that comes out is the same, and the raw-HTML pass sees only a short placeholder.
The plugin adds the extension; without it (another tool reading the generated pages) the
pages give the same HTML, only slower for very long speeches.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# One paragraph element on one line: <p class="…" …>, no other <p> opening or closing inside.
_PARAGRAPH_LINE = re.compile(r'<p class="[^"<>]*"[^<>]*>(?:(?!<p[\s>]|</p>)[^\n])*</p>')
# md_in_html's `markdown` attribute: inside such a block a paragraph is not raw HTML to keep.
_MARKDOWN_IN_HTML = re.compile(r"<[a-zA-Z][^>]*\smarkdown\s*=")
PRIORITY = 25  # after normalize_whitespace (30), before the raw-HTML pass html_block (20)


class ParagraphBlocks(Preprocessor):
    """Stash each run of one-line `<p class=…>…</p>` blocks (lines between single blank
    lines) as one entry: one placeholder, one block for the block parser (whose cost also
    grows with the square of the number of blocks: it takes them off the front of a list)."""

    def run(self, lines: list[str]) -> list[str]:
        if any(_MARKDOWN_IN_HTML.search(line) for line in lines):
            return lines  # a hand-written page with Markdown inside HTML: leave it all to md_in_html
        out: list[str] = []
        run: list[str] = []
        for index, line in enumerate(lines):
            blank_before = index == 0 or not lines[index - 1]
            if blank_before and _is_paragraph(line, lines, index):
                run.append(line)
                continue
            if run and not line and (index + 1 < len(lines) and _is_paragraph(lines[index + 1], lines, index + 1)):
                continue  # the blank line inside a run
            self._flush(run, out)
            out.append(line)
        self._flush(run, out)
        return out

    def _flush(self, run: list[str], out: list[str]) -> None:
        if run:
            # Blocks apart by a blank line, and the blank line after the last kept, exactly as
            # the raw-HTML pass would keep each of them.
            out.append(self.md.htmlStash.store("\n\n".join(run) + "\n"))
            run.clear()


def _is_paragraph(line: str, lines: list[str], index: int) -> bool:
    """A paragraph line with a blank line (or the end) after it."""
    return (
        line.startswith("<p class=")
        and (index + 1 == len(lines) or not lines[index + 1])
        and _PARAGRAPH_LINE.fullmatch(line) is not None
    )


class ParagraphBlocksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 — Python-Markdown's name
        md.preprocessors.register(ParagraphBlocks(md), "speechsite_paragraph_blocks", PRIORITY)


def makeExtension(**kwargs: Any) -> ParagraphBlocksExtension:  # noqa: N802 — the entry point's name
    """`markdown_extensions: [speechsite.render.markdown_blocks]` in an mkdocs.yml."""
    return ParagraphBlocksExtension(**kwargs)

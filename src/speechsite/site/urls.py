"""Site paths and relative links.

The site uses `use_directory_urls: false`, so every page lives at an explicit `….html` and
every link we generate points at a file, relative to the page it is on. That keeps the
site navigable from the file system (file://) as well as from a server. MkDocs rewrites
links in Markdown but not in raw HTML, so raw-HTML links are computed here.
"""

from __future__ import annotations

from urllib.parse import quote

SPEECHES = "speeches"
TOPICS = "topics"
GLOSSARY = "glossary"
SOURCES = "sources"
ASSETS = "assets/speechsite"


def html_path(page_path: str) -> str:
    """The built file of a page: `speeches/x/index.md` → `speeches/x/index.html`."""
    return page_path[:-3] + ".html" if page_path.endswith(".md") else page_path


def relative_url(from_page: str, to_path: str) -> str:
    """A link from the page at `from_page` to `to_path` (both site paths, `.md` or not).

    `to_path` may carry an `#anchor`. `relative_url("speeches/a/index.md",
    "topics/b/index.md#x")` is `"../../topics/b/index.html#x"`. The link always climbs to the
    site root and back down: not the shortest form, but cheap and always right.
    """
    target, _, anchor = to_path.partition("#")
    # Up to the site root, then down; percent-encoded, as a file name may hold spaces, #, %, CJK.
    url = "../" * from_page.count("/") + quote(html_path(target), safe="/")
    return f"{url}#{anchor}" if anchor else url


def relative_file(from_page: str, to_file: str) -> str:
    """A link to a file whose name may itself contain `#` (a raw source copy): no anchor."""
    return "../" * from_page.count("/") + quote(to_file, safe="/")


def speech_page(slug: str) -> str:
    return f"{SPEECHES}/{slug}/index.md"


def topic_page(slug: str) -> str:
    return f"{TOPICS}/{slug}/index.md"


def term_page(slug: str) -> str:
    return f"{GLOSSARY}/{slug}/index.md"


def source_copy(source_path: str) -> str:
    """Where the raw source text is copied: always a `.txt` under `sources/`."""
    return f"{SOURCES}/{source_path}" if source_path.endswith(".txt") else f"{SOURCES}/{source_path}.txt"

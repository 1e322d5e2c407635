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
REUSE = "reuse"
HOME = "index.md"
BROWSE = f"{SPEECHES}/index.md"
OVERVIEW = "overview/index.md"
# The data files: fixed names, linked from hand-written pages (docs/data.md) and the home page.
DATA = "data"
CORPUS_JSON = f"{DATA}/corpus.json"
SCHEMA_JSON = f"{DATA}/corpus.schema.json"
# The two full-text tables are published gzip-compressed (a third and a tenth of their size;
# pandas and R read them as they are): see BENCHMARKS.md, "Site size per speech".
PARAGRAPHS_CSV = f"{DATA}/paragraphs.csv.gz"
TERMS_CSV = f"{DATA}/terms.csv"
TOPICS_CSV = f"{DATA}/topics.csv"
TERMS_JSON = f"{DATA}/terms.json"
TOPICS_JSON = f"{DATA}/topics.json"
REUSE_CSV = f"{DATA}/reuse.csv.gz"
# Atom feeds (exports/feeds.py): the newest speeches, and one per topic in a folder of their own.
SITE_FEED = "feed.xml"
FEEDS = "feeds"


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


def topic_feed(slug: str) -> str:
    return f"{FEEDS}/{slug}.xml"


def term_page(slug: str) -> str:
    return f"{GLOSSARY}/{slug}/index.md"


def source_copy(source_path: str) -> str:
    """Where the raw source text is copied: always a `.txt` under `sources/`."""
    return f"{SOURCES}/{source_path}" if source_path.endswith(".txt") else f"{SOURCES}/{source_path}.txt"


def original_copy(source_path: str, source_format: str) -> str | None:
    """Where the original of an extracted source (Word, PDF, web page, Markdown) is copied.

    A Word or PDF file keeps its name. A web page or Markdown file is offered as `.txt`:
    served as `.html` its scripts would run inside this site, and MkDocs would render a `.md`
    as a page of the site. None for a plain-text source (its copy is `source_copy`).
    """
    if source_format == "txt":
        return None
    if source_format in ("html", "md"):
        return f"{SOURCES}/{source_path}.original.txt"
    return f"{SOURCES}/{source_path}"


def reuse_page() -> str:
    """The corpus page of passage reuse."""
    return f"{REUSE}/index.md"


def compare_page() -> str:
    """The comparison view of two speeches (which two: `?a=<slug>&b=<slug>`)."""
    return f"{REUSE}/compare.md"


def reuse_data(slug: str) -> str:
    """The script holding a speech's reuse lists and shared paragraphs."""
    return f"{REUSE}/speeches/{slug}.js"

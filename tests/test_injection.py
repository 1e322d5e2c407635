"""Nothing injected: every built page holds only markup that our templates produce.

Two sites are scanned page by page: the session fixture site (`built_site`) and a site
whose sources carry every payload of tests/payloads.py — in the text, in the front
matter, in a sidecar, in the taxonomy and glossary and in file names. Inside the content
area every element and attribute must be one the renderers (src/speechsite/render/*.py) or
Python-Markdown's headings emit; in `<head>` only what the theme emits, with one `<title>`
ending in the site name; on the whole page no event handler, no `javascript:` URL, no
payload host, no frame, object or foreign script. Every payload shows as text, character
for character, and raw sources are served only as `.txt`.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import payloads
import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, SOURCES
from linkcheck import check_links
from sitebuild import mkdocs_build, site_setup

CONTENT = "article.md-content__inner"

# What the renderers emit inside the content area, tag → attributes (from render/*.py:
# speech.py, meta.py, repairs.py, chips.py, text.py, provenance.py, home.py, topics*.py,
# glossary_pages.py, charts.py, reuse_marks.py, reuse_pages.py), plus the headings Markdown makes from `# … {#id}`.
# A renderer that starts emitting something new adds it here.
_SVG = {
    "svg": {"xmlns", "viewbox", "width", "height", "role", "aria-label", "fill", "font-size"},
    "g": {"class", "data-series", "data-value", "stroke"},
    "title": set(),
    "line": {"class", "x1", "x2", "y1", "y2"},
    "rect": {"class", "x", "y", "width", "height", "rx"},
    "circle": {"cx", "cy", "r"},
    "polyline": {"fill", "points"},
    "text": {"class", "x", "y", "text-anchor", "dominant-baseline"},
}
ALLOWED: dict[str, set[str]] = {
    **{f"h{level}": {"id", "class"} for level in range(1, 7)},
    "p": {"class", "id", "data-speeches", "data-pairs"},
    "span": {"class", "title", "role", "aria-label", "aria-current", "data-field", "data-repairs",
             "data-status"},
    "a": {"class", "href", "title", "data-value", "aria-expanded"},
    "code": {"class", "data-sha256"},
    "b": set(),
    "mark": set(),
    "br": set(),
    "dl": {"class", "data-cite-title", "data-cite-date", "data-cite-level", "data-cite-place",
           "data-cite-speaker", "data-cite-url", "data-cite-id", "data-cite-iso", "data-cite-author",
           "data-cite-meeting"},
    "dt": set(),
    "dd": {"class"},
    "details": {"class", "id"},
    "summary": set(),
    "table": {"class", "data-figure"},
    "thead": set(),
    "tbody": set(),
    "tr": {"id", "data-key"},
    "th": {"scope"},
    "td": {"class"},
    "ul": {"class", "data-figure"},
    "ol": {"class"},
    "li": {"data-key", "data-speeches"},
    "div": {"class", "data-slug", "data-src", "data-root", "hidden"},
    "section": set(),
    "nav": {"class", "aria-label"},
    "blockquote": {"class"},
    "figure": {"class"},
    "figcaption": set(),
    **_SVG,
}
# Never inside the content area, whatever a renderer might do.
NEVER = {"script", "style", "iframe", "frame", "object", "embed", "base", "meta", "link", "form",
         "input", "button", "textarea", "select", "applet", "img", "video", "audio", "source"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href",
             "background", "cite"}
SCRIPT_TYPES = {None, "text/javascript", "application/json"}
SITE_NAME = "讲话稿文库"
# What Material's base.html puts into <head>, tag → attributes.
HEAD = {"meta": {"charset", "name", "content"}, "title": set(), "link": {"rel", "href", "type", "title"},
        "script": {"src"}}


def hand_written_pages() -> set[str]:
    """Pages from docs/ (hand-written Markdown, not source-derived): their content is not scanned."""
    return {p.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
            for p in (ROOT / "docs").rglob("*.md")}


def content_problems(page: str, soup: BeautifulSoup) -> list[str]:
    content = soup.select_one(CONTENT)
    if content is None:
        return [f"{page}: no {CONTENT}"]
    problems = []
    for element in content.find_all(True):
        if element.name in NEVER or element.name not in ALLOWED:
            problems.append(f"{page}: <{element.name}> in the content is not produced by a renderer")
            continue
        foreign = set(element.attrs) - ALLOWED[element.name]
        if foreign:
            problems.append(f"{page}: <{element.name}> has attributes {sorted(foreign)} that no "
                            "renderer produces")
    return problems + source_text_problems(page, content)


# Inside a paragraph's text or a heading, source text may only be wrapped by these.
IN_TEXT = {("span", "redaction"), ("a", "term"), ("span", "reused")}


def source_text_problems(page: str, content: Tag) -> list[str]:
    problems = []
    for holder in content.select("p.para span.text, h1, h2, h3, h4, h5, h6"):
        for element in holder.find_all(True):
            kind = (element.name, (element.get("class") or [""])[0])
            if kind not in IN_TEXT:
                problems.append(f"{page}: <{element.name}> inside source text")
    return problems


def page_problems(page: str, soup: BeautifulSoup) -> list[str]:
    """Whole-page rules: no handlers, no javascript:/foreign URLs, no frames, only our scripts."""
    problems = []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                problems.append(f"{page}: <{element.name} {name}=…> event handler")
            if name.lower() in URL_ATTRS and _bad_url(text):
                problems.append(f"{page}: <{element.name} {name}={text!r}>")
        if element.name in {"iframe", "frame", "object", "embed", "base", "applet"}:
            problems.append(f"{page}: <{element.name}> on the page")
        if element.name == "meta" and element.get("http-equiv"):
            problems.append(f"{page}: <meta http-equiv> on the page")
        if element.name in {"script", "style"}:
            problems.extend(_script_problems(page, element))
    return problems


def _bad_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in {"javascript", "vbscript", "data"} or any(
        marker in parts.netloc for marker in ("evil.example",))


def _script_problems(page: str, element: Tag) -> list[str]:
    if element.name == "script" and element.get("type") not in SCRIPT_TYPES:
        return [f"{page}: <script type={element.get('type')!r}>"]
    src = element.get("src")
    if src is not None and urlsplit(str(src)).scheme:
        return [f"{page}: <script src={src!r}> from another site"]
    body = element.get_text()
    return [f"{page}: <{element.name}> contains {marker!r}" for marker in payloads.FOREIGN
            if marker in body]


def _citation_tag_shows_page_text(element: Tag, soup: BeautifulSoup) -> bool:
    """<meta name="citation_…" content="…"> (templates/main.html) whose value is text the page's
    article shows too: the value went in as text, like the article's."""
    name, content = str(element.get("name", "")), str(element.get("content", ""))
    article = soup.select_one(CONTENT)
    title = soup.title.get_text().removesuffix(f" - {SITE_NAME}") if soup.title else None
    return (element.name == "meta" and set(element.attrs) == {"name", "content"}
            and re.fullmatch(r"citation_[a-z_]+", name) is not None
            and (_visible(content) == _visible(title or "")
                 or (article is not None and content in article.get_text())))


def _visible(text: str) -> str:
    """Without control, format and non-characters (the page may write those as references)."""
    return "".join(char for char in text if unicodedata.category(char)[0] not in "CZ" or char == " ")


def head_problems(page: str, soup: BeautifulSoup) -> list[str]:
    """<head>: only the theme's elements, no payload marker in any attribute, and exactly one
    <title> holding text only and ending in the site name (markup that closed it early would
    leave it cut short)."""
    head = soup.head
    if head is None:
        return [f"{page}: no <head>"]
    problems = []
    titles = head.find_all("title")
    if len(titles) != 1:
        problems.append(f"{page}: {len(titles)} <title> elements in <head>")
    for title in titles:
        text = title.get_text()
        if title.find(True) is not None or not (text == SITE_NAME or text.endswith(f" - {SITE_NAME}")):
            problems.append(f"{page}: <title> is {text!r}, not a title and the site name")
    for element in head.find_all(True):
        if element.name not in HEAD:
            problems.append(f"{page}: <{element.name}> in <head> is not produced by the theme")
            continue
        foreign = set(element.attrs) - HEAD[element.name]
        if foreign:
            problems.append(f"{page}: <{element.name}> in <head> has attributes {sorted(foreign)}")
        if _citation_tag_shows_page_text(element, soup):
            continue  # a Highwire tag carries the speech's own text (title, speaker …) as text
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if any(marker in text for marker in payloads.FOREIGN) or "<" in text:
                problems.append(f"{page}: <{element.name} {name}={text!r}> in <head>")
            if name == "href" and urlsplit(text).scheme:
                problems.append(f"{page}: <{element.name} href={text!r}> in <head> leads off the site")
    return problems


def scan_site(site: Path) -> list[str]:
    skip = hand_written_pages()
    problems = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}) and page.startswith("speeches/"):
            problems += redirect_problems(page, soup)
            continue
        problems += page_problems(page, soup) + head_problems(page, soup)
        if page not in skip:
            problems += content_problems(page, soup)
    return problems


REDIRECT_TAGS = ["html", "head", "meta", "title", "meta", "link", "meta", "link", "body", "p", "a"]


def redirect_problems(page: str, soup: BeautifulSoup) -> list[str]:
    """A page a moved speech left behind (render/redirects.py): only its fixed markup, one target."""
    tags = [tag.name for tag in soup.find_all(True)]
    if tags != REDIRECT_TAGS:
        return [f"{page}: redirect page with markup {tags}"]
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    target = refresh.removeprefix("0; url=")
    links = {soup.find("link", rel="canonical")["href"], soup.a["href"]}
    if [link["href"] for link in soup.find_all("link", rel="icon")] != ["data:,"]:
        return [f"{page}: redirect page with an icon other than the empty one"]
    if links != {target} or not re.fullmatch(r"\.\./\.\./speeches/[a-z0-9-]+/index\.html", target):
        return [f"{page}: redirect to {sorted(links | {target})}"]
    return []


def source_copy_problems(site: Path) -> list[str]:
    sources = site / "sources"
    return [f"{path.relative_to(site).as_posix()}: a source copy that is not .txt"
            for path in sources.rglob("*") if path.is_file() and path.suffix != ".txt"]


# The payload site ----------------------------------------------------------------------

FRONT_MATTER = (
    "---\n"
    'title: "<script>alert(1)</script><b>标题</b>{{ config }}"\n'
    'place: "<img src=x onerror=alert(2)>"\n'
    "meeting: \"[会议](javascript:alert(3)) ==mark== {: #x }\"\n"
    "speaker: \"<iframe src='https://evil.example/'></iframe>\"\n"
    "source: \"{% raw %}**出处**\"\n"
    "tags: [\"<style>x</style>\"]\n"
    "date: 2023-02-15\n"
    "level: 县\n"
    "slug: front-matter-payloads\n"
    "---\n"
)
FRONT_VALUES = ("<script>alert(1)</script><b>标题</b>{{ config }}", "<img src=x onerror=alert(2)>",
                "[会议](javascript:alert(3)) ==mark== {: #x }",
                "<iframe src='https://evil.example/'></iframe>", "{% raw %}**出处**")
HTML_NAME = '"><img src=x onerror=alert(7)>'
SEED = "001_c98e51e5a34b76fd.txt"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("payload-site")
    project = folder / "project"
    sources = site_setup(project, SOURCES / SEED)
    (sources / "taxonomy.yml").write_text(payloads.payload_taxonomy(), encoding="utf-8")
    (sources / "glossary.yml").write_text(payloads.payload_glossary(), encoding="utf-8")
    (sources / "payloads.txt").write_text(payloads.payload_speech(), encoding="utf-8")
    (sources / "front.txt").write_text(FRONT_MATTER + payloads.payload_speech("关于<u>安全</u>的讲话"),
                                       encoding="utf-8")
    (sources / "odd.txt").write_text(payloads.payload_front_matter() + payloads.payload_speech(),
                                     encoding="utf-8")
    (sources / "sidecar.txt").write_text(payloads.payload_speech(), encoding="utf-8")
    (sources / "sidecar.yml").write_text(f"place: {payloads.yaml_quoted(payloads.SIDECAR_PLACE)}\n"
                                         "slug: sidecar-payloads\n", encoding="utf-8")
    (sources / f"{HTML_NAME}.txt").write_text(payloads.payload_speech(), encoding="utf-8")
    (sources / f"{payloads.ODD_NAME}.txt").write_text(payloads.payload_speech(), encoding="utf-8")
    return mkdocs_build(project, folder / "site").site  # --strict: no warning on any payload


def test_fixture_site_has_only_template_markup(built_site: Path) -> None:
    problems = scan_site(built_site) + source_copy_problems(built_site)
    assert problems == [], "\n".join(problems[:40])


def test_payload_site_has_only_template_markup(payload_site: Path) -> None:
    problems = scan_site(payload_site) + source_copy_problems(payload_site)
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.parametrize("slug", ["payloads", "front-matter-payloads", "img-src-x-onerror-alert-7"])
def test_every_payload_shows_as_text(payload_site: Path, slug: str) -> None:
    soup = BeautifulSoup((payload_site / "speeches" / slug / "index.html").read_text("utf-8"),
                         "html.parser")
    shown = soup.select_one(CONTENT).get_text()
    missing = [line for line in payloads.LINES if line.strip() not in shown]
    assert missing == []


def test_front_matter_and_file_name_show_as_text(payload_site: Path) -> None:
    soup = BeautifulSoup((payload_site / "speeches" / "front-matter-payloads" / "index.html")
                         .read_text("utf-8"), "html.parser")
    content = soup.select_one(CONTENT)
    assert content.h1.get_text() == FRONT_VALUES[0]
    assert soup.title.get_text() == f"{FRONT_VALUES[0]} - 讲话稿文库"
    shown = content.get_text()
    assert [value for value in FRONT_VALUES if value not in shown] == []
    assert "关于<u>安全</u>的讲话" in shown  # the text's own title line, below the metadata one
    named = BeautifulSoup((payload_site / "speeches" / "img-src-x-onerror-alert-7" / "index.html")
                          .read_text("utf-8"), "html.parser")
    assert f"{HTML_NAME}.txt" in named.select_one(CONTENT).get_text()


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


@pytest.mark.parametrize(("path", "title"), [
    ("topics/xuandu/index.html", payloads.TOPIC_NAME),
    ("glossary/zhu-tiao-xuan-du/index.html", payloads.TERM_NAME),
    ("glossary/qi-ta/index.html", payloads.OTHER_TERM),
    ("speeches/odd-title/index.html", payloads.META_TITLE),
])
def test_titles_from_data_files_and_metadata_are_text_in_head_and_heading(
    payload_site: Path, path: str, title: str
) -> None:
    """The <title>, the header and the H1 show the name as text, whatever it holds."""
    soup = _page(payload_site, path)
    assert soup.title.get_text() == f"{title} - {SITE_NAME}"
    assert soup.select_one(CONTENT).h1.get_text() == title
    header = soup.select_one('[data-md-component="header-topic"] .md-ellipsis')
    assert header.get_text().strip() == title.strip()
    assert head_problems(path, soup) == []


def test_taxonomy_and_glossary_fields_show_as_text(payload_site: Path) -> None:
    topic = _page(payload_site, "topics/xuandu/index.html").select_one(CONTENT).get_text()
    assert payloads.TOPIC_DESCRIPTION in topic and payloads.TOPIC_EXCLUDE in topic
    assert payloads.TERM_NAME in topic  # related terms
    term = _page(payload_site, "glossary/zhu-tiao-xuan-du/index.html").select_one(CONTENT)
    assert term.select_one("p.gl-definition").get_text() == payloads.TERM_DEFINITION
    assert term.select_one("p.gl-expansion").get_text() == payloads.TERM_EXPANSION
    assert payloads.TOPIC_NAME in term.get_text()
    index = _page(payload_site, "glossary/index.html").select_one(CONTENT).get_text()
    assert payloads.TERM_NAME in index and payloads.OTHER_TERM in index
    speech = _page(payload_site, "speeches/payloads/index.html").select_one(CONTENT)
    link = speech.select_one("a.term")
    assert link.get_text() == "逐条宣读" and link["title"] == payloads.TERM_DEFINITION.split("。")[0] + "。"
    assert speech.select_one("a.chip").get_text() == payloads.TOPIC_NAME


def test_sidecar_and_odd_file_name_show_as_text(payload_site: Path) -> None:
    sidecar = _page(payload_site, "speeches/sidecar-payloads/index.html").select_one(CONTENT)
    assert payloads.SIDECAR_PLACE in sidecar.select_one("dl.speech-meta").get_text()
    named = [path for path in (payload_site / "speeches").glob("*/index.html")
             if f"{payloads.ODD_NAME}.txt" in _page(payload_site, path.relative_to(payload_site)
                                                    .as_posix()).select_one(CONTENT).get_text()]
    assert len(named) == 1


def test_raw_sources_are_plain_text_copies(payload_site: Path) -> None:
    copies = sorted(p.relative_to(payload_site).as_posix()
                    for p in (payload_site / "sources").rglob("*") if p.is_file())
    assert copies == sorted([f"sources/{HTML_NAME}.txt", f"sources/{payloads.ODD_NAME}.txt",
                             f"sources/{SEED}", "sources/front.txt", "sources/odd.txt",
                             "sources/payloads.txt", "sources/sidecar.txt"])
    text = (payload_site / "sources" / "payloads.txt").read_bytes().decode("utf-8-sig")
    assert text == payloads.payload_speech()


def test_the_scanner_catches_injected_markup() -> None:
    page = BeautifulSoup(
        '<html><head><script src="https://evil.example/x.js"></script></head><body>'
        '<article class="md-content__inner"><p class="para" onclick="x()">a</p><img src=x>'
        '<span class="text" style="color:red">b</span><a href="javascript:alert(1)">c</a>'
        '<p class="para"><span class="text">d<b>e</b></span></p><h2>f<mark>g</mark></h2>'
        "</article><iframe src=\"https://evil.example/\"></iframe></body></html>", "html.parser")
    assert page_problems("x.html", page) + content_problems("x.html", page) == [
        "x.html: <script src='https://evil.example/x.js'>",
        "x.html: <script src='https://evil.example/x.js'> from another site",
        "x.html: <p onclick=…> event handler",
        "x.html: <a href='javascript:alert(1)'>",
        "x.html: <iframe src='https://evil.example/'>",
        "x.html: <iframe> on the page",
        "x.html: <p> has attributes ['onclick'] that no renderer produces",
        "x.html: <img> in the content is not produced by a renderer",
        "x.html: <span> has attributes ['style'] that no renderer produces",
        "x.html: <b> inside source text",
        "x.html: <mark> inside source text",
    ]


def test_payload_site_links_resolve(payload_site: Path) -> None:
    """Odd file names and payload text break no link (the source copy of `"><img …>.txt` too)."""
    problems = check_links(payload_site)
    assert problems == [], "\n".join(problems[:40])


PAYLOAD_PAGES = ("index.html", "topics/index.html", "topics/xuandu/index.html", "glossary/index.html",
                 "glossary/zhu-tiao-xuan-du/index.html", "glossary/qi-ta/index.html",
                 "speeches/odd-title/index.html", "speeches/front-matter-payloads/index.html",
                 "speeches/sidecar-payloads/index.html", "speeches/payloads/index.html",
                 "overview/index.html", "speeches/index.html")


@pytest.mark.browser
def test_no_payload_runs_in_the_browser(payload_site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """Pages whose taxonomy, glossary, metadata and file names carry script payloads raise no
    dialog in Chromium, loaded and with a term's tooltip shown."""
    from browser import open_page, serve

    dialogs: list[str] = []
    page = open_page(browser)
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    with serve(payload_site) as url:
        for path in PAYLOAD_PAGES:
            page.goto(f"{url}/{path}", wait_until="load")
            if path == "speeches/payloads/index.html":
                page.hover("a.term")
            page.wait_for_timeout(100)
    page.context.close()
    assert dialogs == []


def test_csv_cells_are_never_formulas_and_json_keeps_the_text(payload_site: Path) -> None:
    """Payload lines that start with - + = become `'`-prefixed CSV cells (OWASP CSV injection);
    data/corpus.json keeps them as they are."""
    cells = []
    for name in ("paragraphs.csv.gz", "terms.csv", "topics.csv", "reuse.csv.gz"):
        raw = (payload_site / "data" / name).read_bytes()
        text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8-sig")
        cells += [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
    for line in ("- 无序列表", "+ 加号列表", "===", "---"):
        assert f"'{line}" in cells
    corpus = (payload_site / "data" / "corpus.json").read_text("utf-8")
    assert json.dumps("- 无序列表", ensure_ascii=False) in corpus


def test_feeds_are_xml_whose_titles_are_the_source_text(payload_site: Path) -> None:
    """feed.xml and the topic feeds parse; a title with markup is the same text in the feed,
    and the payload topic's name too (characters XML cannot hold become U+FFFD)."""
    atom = {"a": "http://www.w3.org/2005/Atom"}
    corpus = json.loads((payload_site / "data" / "corpus.json").read_text("utf-8"))
    dated = {s["slug"]: s["title"]["text"] for s in corpus["speeches"] if s["metadata"]["date"]}
    feed = ElementTree.parse(payload_site / "feed.xml").getroot()
    titles = {entry.find("a:link", atom).attrib["href"].split("/")[1]: entry.findtext("a:title", namespaces=atom)
              for entry in feed.findall("a:entry", atom)}
    assert titles == dated and "front-matter-payloads" in titles
    topics = json.loads((payload_site / "data" / "topics.json").read_text("utf-8"))["topics"]
    name = next(topic["name"] for topic in topics if topic["slug"] == "xuandu")
    topic_feed = ElementTree.parse(payload_site / "feeds" / "xuandu.xml").getroot()
    shown = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", name)
    assert topic_feed.findtext("a:title", namespaces=atom).endswith(f"专题：{shown}")

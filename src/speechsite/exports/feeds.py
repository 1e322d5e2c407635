"""Atom feeds (RFC 4287): the newest speeches (`feed.xml` at the site root) and, per topic, the
newest speeches that discuss it (`feeds/<topic>.xml`).

Entries are the dated speeches, newest first (ties by slug), at most FEED_SIZE: a speech
without a date has no place in time and is left out. Dates are the speeches' own (a year or
a month stands for its first day), so a feed is byte-identical between builds of the same
sources. With MkDocs' `site_url` every link and id is absolute; without it links are
relative to the feed's own address (RFC 4287 §2 allows it; readers resolve them against
the address they fetched the feed from) and ids are `urn:uuid:` names derived from the
site name and the page, which stay the same while the page keeps its address.

The XML is written by ElementTree, so every title and summary from a source is escaped
text; characters XML 1.0 cannot hold (C0 controls, U+FFFE/U+FFFF, lone surrogates)
become U+FFFD.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

from ..model import Speech
from ..output import OutputFile
from ..site.context import RenderContext
from ..site.urls import (
    HOME,
    SITE_FEED,
    html_path,
    relative_url,
    speech_page,
    topic_feed,
    topic_page,
)

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
SUMMARY_CHARS = 160
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True)
class _Feed:
    path: str  # the feed's site path
    title: str
    page: str  # the site page the feed follows (its rel="alternate" link)
    speeches: tuple[Speech, ...]


def feed_files(ctx: RenderContext) -> Iterator[OutputFile]:
    """`feed.xml` (always, even when no speech has a date) and one feed per topic."""
    name = ctx.site_name or "讲话稿文库"
    yield _write(ctx, _Feed(SITE_FEED, f"{name} · 最新讲话", HOME, newest(ctx.corpus.speeches)))
    by_slug = ctx.corpus.by_slug
    for topic in ctx.taxonomy.topics:
        speeches = [by_slug[slug] for slug in ctx.topic_stats[topic.slug].per_speech]
        title = f"{name} · 专题：{topic.name}"
        yield _write(ctx, _Feed(topic_feed(topic.slug), title, topic_page(topic.slug), newest(speeches)))


def newest(speeches: Iterable[Speech]) -> tuple[Speech, ...]:
    """The dated speeches, newest first (ties by slug), at most FEED_SIZE."""
    dated = [speech for speech in speeches if atom_date(speech.meta.date)]
    dated.sort(key=lambda speech: speech.slug)
    dated.sort(key=lambda speech: atom_date(speech.meta.date), reverse=True)
    return tuple(dated[:FEED_SIZE])


def atom_date(date: str | None) -> str:
    """An ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) as an RFC 3339 time; "" for anything else."""
    match = _ISO_DATE.fullmatch(date or "")
    if not match:
        return ""
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    return f"{year}-{month}-{day}T00:00:00Z"


def _write(ctx: RenderContext, feed: _Feed) -> OutputFile:
    root = ElementTree.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh"})
    _add(root, "id", _id(ctx, feed.path))
    _add(root, "title", feed.title)
    _add(root, "updated", atom_date(feed.speeches[0].meta.date) if feed.speeches else "1970-01-01T00:00:00Z")
    _add(root, "generator", "speechsite")
    author = ElementTree.SubElement(root, f"{{{ATOM}}}author")
    _add(author, "name", ctx.site_name or "讲话稿文库")
    _link(root, "alternate", _url(ctx, feed.path, feed.page), "text/html")
    if ctx.site_url:
        _link(root, "self", _url(ctx, feed.path, feed.path), "application/atom+xml")
    for speech in feed.speeches:
        root.append(_entry(ctx, feed.path, speech))
    ElementTree.register_namespace("", ATOM)
    body = ElementTree.tostring(root, encoding="unicode")
    return OutputFile(feed.path, f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n')


def _entry(ctx: RenderContext, feed: str, speech: Speech) -> ElementTree.Element:
    entry = ElementTree.Element(f"{{{ATOM}}}entry")
    page = speech_page(speech.slug)
    date = atom_date(speech.meta.date)
    _add(entry, "id", _id(ctx, page))
    _add(entry, "title", speech.display_title)
    _add(entry, "updated", date)
    _add(entry, "published", date)
    speaker = " ".join(part for part in (speech.meta.role, speech.meta.speaker) if part)
    if speaker:
        author = ElementTree.SubElement(entry, f"{{{ATOM}}}author")
        _add(author, "name", speaker)
    _link(entry, "alternate", _url(ctx, feed, page), "text/html")
    for slug in ctx.annotations.speech_topics(speech):
        name = ctx.topic_name(slug)
        if name is not None:
            ElementTree.SubElement(entry, f"{{{ATOM}}}category", {"term": slug, "label": _xml_text(name)})
    _add(entry, "summary", _summary(speech))
    return entry


def _summary(speech: Speech) -> str:
    """Where and by whom, then the opening words of the speech."""
    meta = speech.meta
    facts = " · ".join(part for part in (meta.level, meta.place, meta.meeting) if part)
    text = "".join(paragraph.text for paragraph in speech.all_paragraphs())
    opening = text[:SUMMARY_CHARS] + ("…" if len(text) > SUMMARY_CHARS else "")
    return "\n".join(part for part in (facts, opening) if part)


def _add(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = _xml_text(text)


def _link(parent: ElementTree.Element, rel: str, href: str, kind: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "type": kind, "href": href})


def _url(ctx: RenderContext, feed: str, target: str) -> str:
    """`target` (a site path) absolute under `site_url`, else relative to the feed's address."""
    if ctx.site_url:
        return f"{ctx.site_url.rstrip('/')}/{html_path(target)}"
    return relative_url(feed, target)


def _id(ctx: RenderContext, path: str) -> str:
    if ctx.site_url:
        return f"{ctx.site_url.rstrip('/')}/{html_path(path)}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"speechsite:{ctx.site_name}:{html_path(path)}").urn


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


"""Topic chips: small links to topic pages, for a speech, a section or a paragraph."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ..site.urls import relative_url, topic_page
from .text import escape_plain


class TopicNames(Protocol):
    def topic_name(self, slug: str) -> str | None: ...


def topic_chips(topics: Iterable[str], names: TopicNames, page: str, css: str) -> str:
    """`<span class="chips …">` of links to the topics that the taxonomy knows; "" if none."""
    links = []
    for slug in topics:
        name = names.topic_name(slug)
        if name is None:
            continue
        href = escape_plain(relative_url(page, topic_page(slug)))
        links.append(f'<a class="chip" href="{href}">{escape_plain(name)}</a>')
    if not links:
        return ""
    return f'<span class="chips {css}" role="group" aria-label="专题">{"".join(links)}</span>'

"""Redirect pages: a speech that moved to a new address (a new `slug:`) is still found at each
address it had before (site/addresses.py). Each is a small static HTML page that sends the
browser on at once, and shows the link where refresh is off."""

from __future__ import annotations

from collections.abc import Iterator

from ..output import OutputFile
from ..site.addresses import redirects
from ..site.context import RenderContext
from ..site.urls import html_path, relative_url, speech_page
from .text import escape_plain, escape_text


def redirect_pages(ctx: RenderContext) -> Iterator[OutputFile]:
    titles = {speech.slug: speech.display_title for speech in ctx.corpus.speeches}
    for old, new in sorted(redirects(ctx.corpus.speeches, ctx.corpus.addresses).items()):
        page = html_path(speech_page(old))
        yield OutputFile(page, redirect_html(relative_url(page, speech_page(new)), titles[new]))


def redirect_html(href: str, title: str) -> str:
    link = escape_plain(href)
    return (
        '<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        f"<title>页面已移动：{escape_plain(title)}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={link}">\n'
        f'<link rel="canonical" href="{link}">\n<meta name="robots" content="noindex">\n'
        # An empty icon: without one a browser asks for /favicon.ico, which a site served
        # below its domain's root does not have (a 404 in the console on every redirect).
        '<link rel="icon" href="data:,">\n</head>\n'
        f'<body>\n<p>这篇讲话的页面已移到新地址：<a href="{link}">{escape_text(title)}</a></p>\n</body>\n</html>\n'
    )

"""The reuse marker on a speech page (同文 N) and the pointer to the speech's reuse data.

The page holds only the marker and, in the paragraph's text, the shared sentences wrapped in
`<span class="reused">` (shown when the list is open). The list of other places is made in
the browser from `reuse/speeches/<slug>.js` (reuse_data.py), written beside the pages by the
forked writer: at 2,000 speeches the lists would add tens of megabytes of HTML to pages that
MkDocs renders one after the other. Without JavaScript the marker leads to the reuse page.
"""

from __future__ import annotations

from ..annotate.reuse import Reuse
from ..site.urls import relative_url, reuse_data, reuse_page
from .text import escape_plain


def reuse_marker(others: int, page: str) -> str:
    """The marker after a paragraph that shares text with `others` other speeches; "" if none."""
    if not others:
        return ""
    href = escape_plain(relative_url(page, reuse_page()))
    return (
        f'<a class="reuse-mark" href="{href}" title="另有 {others} 篇讲话含有本段的文字，点击查看" '
        f'aria-expanded="false">同文 {others}</a>'
    )


def reuse_source(slug: str, reuse: Reuse, page: str) -> str:
    """Where the page's script finds the speech's reuse data; "" when nothing is shared."""
    if slug not in reuse.sharing_speeches:
        return ""
    src = escape_plain(relative_url(page, reuse_data(slug)))
    root = "../" * page.count("/")
    return (
        f'<div class="reuse-source" data-slug="{escape_plain(slug)}" data-src="{src}" '
        f'data-root="{root}" hidden></div>'
    )

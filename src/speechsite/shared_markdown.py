"""A generated page's text held once under `mkdocs build`.

MkDocs keeps every page's Markdown (`Page.markdown`: the file's content without its front
matter) until the build ends, and a generated file holds its whole content besides: every
generated page's text twice (≈ 100 MB at 2,000 speeches). `SharedMarkdown`, mixed into the
plugin's generated `File`, keeps of the content only what precedes the page's Markdown once
MkDocs has read the page, and the Markdown itself is then the page's very string. The
file's content reads the same as before. Nothing here imports mkdocs: the plugin mixes it in.
"""

from __future__ import annotations

from typing import Any, cast


class SharedMarkdown:
    """Mixin for MkDocs' `File` (before it in the bases): `content_string` and `content_bytes`
    are `_content` followed by the shared Markdown, once `share` has been called."""

    _content: str | bytes | None
    abs_src_path: str | None
    _markdown = ""  # the content after `_content` once shared: the page's Markdown

    def share(self, markdown: str) -> None:
        """Keep of the content only what precedes `markdown`, if the content ends with it."""
        content = self._content
        if not self._markdown and isinstance(content, str) and content.endswith(markdown):
            self._content, self._markdown = content[: len(content) - len(markdown)], markdown

    @property
    def content_string(self) -> str:
        if self._markdown:
            return cast(str, self._content) + self._markdown
        return cast(str, cast(Any, super()).content_string)

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._set(value)

    @property
    def content_bytes(self) -> bytes:
        if self._markdown:
            return self.content_string.encode()
        return cast(bytes, cast(Any, super()).content_bytes)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._set(value)

    def _set(self, content: str | bytes) -> None:
        """As MkDocs' setters do: the new content, and no source file behind it any more."""
        self._content, self._markdown, self.abs_src_path = content, "", None

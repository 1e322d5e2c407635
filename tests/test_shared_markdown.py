"""A generated page's file shares the page's Markdown (shared_markdown.py): it keeps only what
precedes it, reads the same, and takes new content as MkDocs' own `File` does."""

from __future__ import annotations

from mkdocs.structure.files import File

from speechsite.shared_markdown import SharedMarkdown

SOURCE = "---\ntitle: 讲话\n---\n\n# 在会议上的讲话\n\n同志们：\n"
MARKDOWN = "# 在会议上的讲话\n\n同志们：\n"


class _PageFile(SharedMarkdown, File):
    pass


def _file(content: str = SOURCE) -> _PageFile:
    file = _PageFile("speeches/a/index.md", None, "/site", False)
    file.content_string = content
    return file


def test_a_shared_file_keeps_the_front_matter_and_reads_the_same() -> None:
    file, markdown = _file(), SOURCE[SOURCE.index("#") :]  # a string of its own, as the page's is
    file.share(markdown)
    assert file._content == "---\ntitle: 讲话\n---\n\n"
    assert file._markdown is markdown
    assert file.content_string == SOURCE
    assert file.content_bytes == SOURCE.encode()
    assert file.is_documentation_page()


def test_a_markdown_the_content_does_not_end_with_is_not_shared() -> None:
    file = _file()
    file.share("# 另一篇\n")  # a plugin's source, not the file's
    assert file._content == SOURCE and file._markdown == ""
    assert file.content_string == SOURCE


def test_new_content_replaces_the_shared_one() -> None:
    file = _file()
    file.share(MARKDOWN)
    file.content_string = "# 新的\n"
    assert file.content_string == "# 新的\n" and file.content_bytes == "# 新的\n".encode()
    file.share("# 新的\n")
    file.content_bytes = b"\x00binary"
    assert file.content_bytes == b"\x00binary"
    assert file.abs_src_path is None


def test_a_file_read_from_disk_is_untouched() -> None:
    file = _file()
    file._content = None
    file.abs_src_path = __file__
    file.share("anything")
    assert file.content_string.startswith('"""A generated page')

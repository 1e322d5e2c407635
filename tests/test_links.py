"""Every internal link of the built fixture site resolves, #anchors included."""

from __future__ import annotations

from pathlib import Path

from linkcheck import check_links


def test_built_site_has_no_broken_links(built_site: Path) -> None:
    problems = check_links(built_site)
    assert problems == [], "\n".join(problems[:50])


def test_link_checker_reports_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="top"></p><a href="a/index.html#nope">x</a><a href="#top">ok</a>'
        '<a href="missing.html">m</a><a href="a/">dir</a><a href="javascript:alert(1)">j</a>'
        '<a href="https://example.org/">ext</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<a href="../index.html#top">up</a>', encoding="utf-8")
    assert check_links(tmp_path) == [
        "index.html: a/index.html#nope — no element with id “nope” in a/index.html",
        "index.html: missing.html — missing.html does not exist",
        "index.html: a/ — links to a folder, not a file (breaks on file://)",
        "index.html: javascript:alert(1) — javascript: link",
    ]

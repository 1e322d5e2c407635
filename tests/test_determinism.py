"""Two builds of the same input give byte-identical site trees (also from another folder)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitebuild import make_project, mkdocs_build


def tree(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    # Two fresh builds back to back (not the session's shared build, made minutes earlier),
    # from two different folders, so leaked absolute paths would show too.
    one = mkdocs_build(make_project(tmp_path / "one" / "project"), tmp_path / "one" / "site")
    two = mkdocs_build(make_project(tmp_path / "elsewhere" / "project"), tmp_path / "two")
    first, second = tree(one.site), tree(two.site)
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == [], f"differ between builds: {differing[:20]}"

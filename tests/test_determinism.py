"""Two builds of the same input give byte-identical site trees (also from another folder)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitebuild import BuiltSite, make_project, mkdocs_build


def tree(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(fixture_build: BuiltSite, tmp_path: Path) -> None:
    again = mkdocs_build(make_project(tmp_path / "elsewhere" / "project"), tmp_path / "site")
    first, second = tree(fixture_build.site), tree(again.site)
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == [], f"differ between builds: {differing[:20]}"

"""Build a fixture site with `mkdocs build --strict`: the five seed speeches plus hostile
texts from tests/fixtures/site_sources/, with the repository's mkdocs.yml, docs/ and data files.

Used by the session fixture `built_site` (tests/conftest.py) and by the determinism test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURE_SOURCES = Path(__file__).parent / "fixtures" / "site_sources"
MKDOCS = Path(sys.executable).with_name("mkdocs")


@dataclass(frozen=True)
class BuiltSite:
    project: Path  # the fixture project (mkdocs.yml, docs/, source_texts/)
    site: Path  # the built site
    log: str  # mkdocs' output (stderr)


def make_project(folder: Path) -> Path:
    """A copy of the repository's site setup with the fixture speeches as sources."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs", dirs_exist_ok=True)
    sources = folder / "source_texts"
    sources.mkdir(exist_ok=True)
    for text in [*sorted(SEEDS.glob("*.txt")), *sorted(FIXTURE_SOURCES.glob("*"))]:
        shutil.copy(text, sources / text.name)
    for data in ("taxonomy.yml", "glossary.yml"):
        if (ROOT / "source_texts" / data).exists():
            shutil.copy(ROOT / "source_texts" / data, sources / data)
    return folder


def mkdocs_build(project: Path, site: Path, env: dict[str, str] | None = None) -> BuiltSite:
    """`mkdocs build --strict` of `project` into `site`; raises with mkdocs' output on failure."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **(env or {})}
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, env=env, cwd=project, timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed ({result.returncode}):\n{result.stderr}{result.stdout}")
    return BuiltSite(project, site, result.stderr)


def build_fixture_site(folder: Path) -> BuiltSite:
    project = make_project(folder / "project")
    return mkdocs_build(project, folder / "site")

"""Build a fixture site with `mkdocs build --strict`: the five seed speeches plus hostile
texts from tests/fixtures/site_sources/, with the repository's mkdocs.yml, docs/ and data files.
Also the paths without our plugin: `speechsite build-pages`, then MkDocs with
mkdocs.generated.yml or Zensical with zensical.toml.

Used by the session fixtures in tests/conftest.py and by the determinism tests.
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
ZENSICAL = Path(sys.executable).with_name("zensical")
CONFIGS = ("mkdocs.yml", "mkdocs.generated.yml", "zensical.toml")
ENV = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


@dataclass(frozen=True)
class BuiltSite:
    project: Path  # the fixture project (mkdocs.yml, docs/, source_texts/)
    site: Path  # the built site
    log: str  # mkdocs' output (stderr)


def site_setup(project: Path, *speeches: Path) -> Path:
    """A project with the repository's mkdocs.yml and docs/, and a sources folder holding
    copies of `speeches` (returned, for the test to add its own files)."""
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    sources = project / "source_texts"
    sources.mkdir()
    for speech in speeches:
        shutil.copy(speech, sources / speech.name)
    return sources


def make_project(folder: Path) -> Path:
    """A copy of the repository's site setup with the fixture speeches as sources."""
    folder.mkdir(parents=True, exist_ok=True)
    for config in CONFIGS:
        shutil.copy(ROOT / config, folder / config)
    shutil.copytree(ROOT / "docs", folder / "docs", dirs_exist_ok=True)
    sources = folder / "source_texts"
    sources.mkdir(exist_ok=True)
    for text in [*sorted(SEEDS.glob("*.txt")), *sorted(FIXTURE_SOURCES.glob("*"))]:
        shutil.copy(text, sources / text.name)
    for data in ("taxonomy.yml", "glossary.yml", "addresses.yml"):
        if (ROOT / "source_texts" / data).exists():
            shutil.copy(ROOT / "source_texts" / data, sources / data)
    return folder


def mkdocs_build(project: Path, site: Path, env: dict[str, str] | None = None) -> BuiltSite:
    """`mkdocs build --strict` of `project` into `site`; raises with mkdocs' output on failure."""
    return mkdocs_build_with(project / "mkdocs.yml", site, env)


def mkdocs_build_with(
    config: Path, site: Path, env: dict[str, str] | None = None, strict: bool = True
) -> BuiltSite:
    """`mkdocs build [--strict]` with the configuration `config` into `site`."""
    command = [str(MKDOCS), "build", *(["--strict"] if strict else []), "--clean", "-f", str(config), "-d", str(site)]
    log = _run(command, config.parent, env)
    return BuiltSite(config.parent, site, log)


def build_pages(project: Path, outdir: Path | None = None) -> Path:
    """scripts/build_pages.py (`speechsite build-pages`) with the project's mkdocs.yml; returns the folder written
    (default: generated/ in the project, where zensical.toml and mkdocs.generated.yml read it)."""
    command = [sys.executable, str(ROOT / "scripts" / "build_pages.py"), "--config", str(project / "mkdocs.yml")]
    _run(command + ([str(outdir)] if outdir is not None else []), project)
    return outdir if outdir is not None else project / "generated"


def zensical_build(project: Path) -> BuiltSite:
    """`zensical build --clean --strict` with the project's zensical.toml (into project/site)."""
    log = _run([str(ZENSICAL), "build", "--clean", "--strict", "-f", str(project / "zensical.toml")], project)
    return BuiltSite(project, project / "site", log)


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a build command; raise with its output when it fails; return its stderr."""
    result = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, **ENV, **(env or {})}, cwd=cwd, timeout=600
    )
    if result.returncode != 0:
        name = " ".join(Path(part).name for part in command[:2])
        raise RuntimeError(f"{name} failed ({result.returncode}):\n{result.stderr}{result.stdout}")
    return result.stderr


def build_fixture_site(folder: Path) -> BuiltSite:
    project = make_project(folder / "project")
    return mkdocs_build(project, folder / "site")

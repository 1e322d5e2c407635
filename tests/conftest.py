from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from speechsite.heap import release_long_lived

# Hypothesis' default 200 ms deadline per example fails property tests on a loaded machine
# (CI runners, several builds at once) although nothing is wrong: their inputs are legitimately
# slow sometimes. Speed is measured in benchmarks/, never by timing tests, so no deadline at all;
# this profile is the default every @settings(...) inherits from.
# The default run is derandomised, so the suite (and CI) gives the same answer every time; a
# search for new failures uses random examples: HYPOTHESIS_PROFILE=explore (with --fuzz-examples).
settings.register_profile("speechsite", deadline=None, derandomize=True)
settings.register_profile("explore", deadline=None, derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "speechsite"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPORA = SHARED / "corpora"
SOURCES = ROOT / "source_texts"


@pytest.fixture(autouse=True)
def _collector_after_each_test() -> Iterator[None]:
    """A serve session a test leaves open (its plugin never shut down) must not keep the
    process's objects out of the collector for the tests after it (heap.set_aside_long_lived)."""
    yield
    release_long_lived()


def pinyin_imported_in_a_fresh_process(statements: str, shown: str) -> tuple[bool, Any]:
    """Whether running `statements` in a fresh interpreter imported pypinyin (≈ 58 MB of
    dictionaries a build must not hold, slugs.py), and the value of the expression `shown` there."""
    code = f"import sys; from pathlib import Path; {statements}; print('pypinyin' in sys.modules, repr({shown}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported, value = done.stdout.split(" ", 1)
    return imported == "True", ast.literal_eval(value)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite golden files from the current output (also: UPDATE_GOLDEN=1)")
    parser.addoption("--fuzz-examples", type=int, default=None,
                     help="documents per fuzz test in tests/test_fuzz.py, for a nightly-style "
                          "long run (also: FUZZ_EXAMPLES=N)")


def fuzz_examples(config: pytest.Config, default: int) -> int:
    """`--fuzz-examples N`, else FUZZ_EXAMPLES, else `default` (tests/test_fuzz.py)."""
    chosen = config.getoption("--fuzz-examples") or os.environ.get("FUZZ_EXAMPLES")
    return int(chosen) if chosen else default


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens") or os.environ.get("UPDATE_GOLDEN"))


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The fixture site (five seeds + tests/fixtures/site_sources/) built once per session
    with `mkdocs build --strict`: a `sitebuild.BuiltSite` (project, site, log)."""
    from sitebuild import build_fixture_site

    return build_fixture_site(tmp_path_factory.mktemp("fixture-site"))


@pytest.fixture(scope="session")
def built_site(fixture_build) -> Path:  # type: ignore[no-untyped-def]
    """The folder of the built fixture site (see `fixture_build`); read it, never write it."""
    return fixture_build.site  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def pages_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture project with generated/ written by scripts/build_pages.py, once
    per session; zensical.toml and mkdocs.generated.yml in it read that folder."""
    from sitebuild import build_pages, make_project

    project = make_project(tmp_path_factory.mktemp("pages-build") / "project")
    build_pages(project)
    return project


@pytest.fixture(scope="session")
def plain_site(pages_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated folder built by MkDocs without our plugin (mkdocs.generated.yml)."""
    from sitebuild import mkdocs_build_with

    site = tmp_path_factory.mktemp("plain-site") / "site"
    return mkdocs_build_with(pages_project / "mkdocs.generated.yml", site).site


@pytest.fixture(scope="session")
def zensical_site(pages_project: Path) -> Path:
    """The generated folder built by Zensical (zensical.toml), once per session."""
    from sitebuild import zensical_build

    return zensical_build(pages_project).site


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium for one test module (skips with an install hint where it is missing)."""
    from browser import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def server(built_site: Path):  # type: ignore[no-untyped-def]
    """The built fixture site served on 127.0.0.1 for one test module."""
    from browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def seed_pdfs() -> dict[str, bytes]:
    """The five seeds printed to PDF by Chromium once per session (tests/pdf_fixtures.py);
    skips where Chromium is missing."""
    from pdf_fixtures import seed_pdfs as print_seeds

    return print_seeds()

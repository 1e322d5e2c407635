"""Valid HTML: the Nu HTML checker (vnu-jar from npm, run with Java; tests/webcheck.py) over
every page of the built fixture site in one run finds no error in our own markup. Errors from
the theme's markup are listed, each with its reason, in tests/vnu_known_issues.yml."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from webcheck import vnu_errors

KNOWN = Path(__file__).with_name("vnu_known_issues.yml")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def known() -> list[dict[str, str]]:
    entries: list[dict[str, str]] = yaml.safe_load(KNOWN.read_text("utf-8"))
    assert all(set(e) == {"message", "extract", "reason"} and e["reason"].strip() for e in entries)
    return entries


@pytest.fixture(scope="module")
def errors(built_site: Path) -> list[dict[str, Any]]:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50  # every page, not a sample
    return vnu_errors(pages)


def _allowed(error: dict[str, Any], entry: dict[str, str]) -> bool:
    return _flat(error["message"]) == _flat(entry["message"]) and entry["extract"] in error.get("extract", "")


def test_no_error_in_our_markup(errors: list[dict[str, Any]], known: list[dict[str, str]], built_site: Path) -> None:
    ours = [e for e in errors if not any(_allowed(e, entry) for entry in known)]
    report = [f"{e['url'].split(built_site.name + '/', 1)[-1]}:{e.get('lastLine')}: {e['message']}\n"
              f"    {e.get('extract', '').strip()}" for e in ours[:30]]
    assert ours == [], f"{len(ours)} errors:\n" + "\n".join(report)


def test_every_known_issue_still_occurs(errors: list[dict[str, Any]], known: list[dict[str, str]]) -> None:
    """An allowlist entry the theme no longer triggers goes, so the list never hides a new error."""
    used = Counter(i for e in errors for i, entry in enumerate(known) if _allowed(e, entry))
    assert [entry["message"] for i, entry in enumerate(known) if not used[i]] == []

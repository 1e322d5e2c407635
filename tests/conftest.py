from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPORA = SHARED / "corpora"
SOURCES = ROOT / "source_texts"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT

"""A corpus whose topics have a trend to draw: the five seeds twice, once dated 2021 and once
2022 (five speeches a year, enough for a share), and one more speech in 2023 (too few for a
share, so that year appears in the tables only). Used by tests/test_overview.py and
tests/test_browser_charts.py."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SEEDS, SOURCES

TREND_YEARS = (2021, 2022)  # five speeches each
THIN_YEAR = 2023  # one speech


def trend_sources(folder: Path) -> Path:
    """The sources folder (speeches, sidecars, taxonomy and glossary) under `folder`."""
    sources = folder / "source_texts"
    sources.mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for year in TREND_YEARS:
        for index, seed in enumerate(seeds, 1):
            name = f"{year}-{index}"
            shutil.copy(seed, sources / f"{name}.txt")
            (sources / f"{name}.yml").write_text(f"date: {year}-0{index}-1{index}\nslug: trend-{name}\n", "utf-8")
    shutil.copy(seeds[0], sources / "thin.txt")
    (sources / "thin.yml").write_text(f"date: '{THIN_YEAR}'\nslug: trend-thin\n", "utf-8")
    for data in ("taxonomy.yml", "glossary.yml"):
        shutil.copy(SOURCES / data, sources / data)
    return sources

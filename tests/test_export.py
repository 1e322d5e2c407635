"""`speechsite export OUTDIR`: the generated Markdown and data files, written to a folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sitebuild import FIXTURE_SOURCES, SEEDS

from speechsite.commands.cli import main


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    for text in [*SEEDS.glob("*.txt"), *FIXTURE_SOURCES.glob("*.txt")]:
        shutil.copy(text, folder / text.name)
    return folder


def test_export_writes_pages_and_data(sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["export", str(out), "--sources", str(sources)]) == 0
    data = json.loads((out / "data" / "corpus.json").read_text(encoding="utf-8"))
    assert data["speech_count"] == len(list(sources.glob("*.txt")))
    for speech in data["speeches"]:
        page = (out / speech["url"]).with_suffix(".md").read_text(encoding="utf-8")
        assert page.startswith("---\ntitle: ")
    assert (out / "index.md").is_file() and (out / "speeches" / "index.md").is_file()
    assert "wrote " in capsys.readouterr().out


def test_export_replaces_an_earlier_export(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["export", str(out), "--sources", str(sources)]) == 0
    (out / "stale.md").write_text("old", encoding="utf-8")
    assert main(["export", str(out), "--sources", str(sources)]) == 0
    assert not (out / "stale.md").exists()


def test_export_refuses_a_foreign_folder(sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["export", str(out), "--sources", str(sources)]) == 1
    assert capsys.readouterr().err == (
        f"error: {out}: folder is not empty and not an earlier export — choose an empty or new folder\n"
    )
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_export_names_a_missing_sources_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "out"), "--sources", str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'nope'}: no such folder — pass the folder of speech texts with --sources\n"
    )


def test_export_exits_1_when_a_source_cannot_be_read(
    sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (sources / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    out = tmp_path / "out"
    assert main(["export", str(out), "--sources", str(sources)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        "1 source file(s) could not be read and are missing from the export — see the errors above"
    )
    assert "error: broken.txt" in err
    assert (out / "data" / "corpus.json").is_file()  # the other speeches are exported

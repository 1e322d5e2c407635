"""`speechsite check`: outline, repairs and warnings per source; non-zero exit on errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SOURCES

from speechsite.commands.cli import main


def seeds_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(SOURCES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def test_check_prints_outline_repairs_and_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = seeds_in(tmp_path / "src")
    assert main(["check", "--sources", str(sources)]) == 0
    out = capsys.readouterr().out
    assert "== 003_3589449ce9a9c9d2.txt → speeches/2023-zong-zhi-an-quan-gong-zuo-hui-yi/ (utf-8)" in out
    assert "  title: 在2023年综治安全工作会议上的讲话" in out
    assert "  四、实行包案息访、稳控和安全隐患整改、警示制度 [1]" in out
    assert "  repair 页码 line 2: removed “2、” → “好自己的人,看好自己的门,办好自己的事情”" in out
    assert "  … and 15 line joins/splits (--verbose lists them)" in out
    assert "  repair 末尾页码 line 8: removed “ 6” → “尽责,确保安全稳定和谐!”" in out
    assert out.rstrip().endswith("5 speeches, 0 errors, 0 warnings")


def test_check_verbose_shows_inferred_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = seeds_in(tmp_path / "src")
    assert main(["check", "--sources", str(sources), "--verbose"]) == 0
    assert "  meta title: 在2023年综治安全工作会议上的讲话（推断）" in capsys.readouterr().out


def test_check_exits_non_zero_on_errors_and_still_reports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = seeds_in(tmp_path / "src")
    (sources / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (sources / "warn.txt").write_text("---\nauthor: 某\n---\n同志们：\n讲话。\n", encoding="utf-8")
    assert main(["check", "--sources", str(sources)]) == 1
    out = capsys.readouterr().out
    assert ("error: broken.txt: binary file, not text — only plain-text speeches (*.txt) belong "
            "in the sources folder") in out
    assert ("  warning: warn.txt:2: unknown metadata key “author” — use one of: title, speaker, "
            "role, place, meeting, source, slug, date, level, tags") in out
    assert "== 004_25a37519d5cc85c7.txt" in out
    assert out.rstrip().endswith("6 speeches, 1 errors, 1 warnings")


def test_check_names_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--sources", str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'nope'}: no such folder — pass the folder of speech texts "
        "with --sources\n")


def test_python_dash_m_and_script_entry(tmp_path: Path) -> None:
    sources = seeds_in(tmp_path / "src")
    for command in ([sys.executable, "-m", "speechsite"], [sys.executable, str(ROOT / "scripts" / "speechsite")]):
        result = subprocess.run([*command, "check", "--sources", str(sources)],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        assert "5 speeches, 0 errors, 0 warnings" in result.stdout

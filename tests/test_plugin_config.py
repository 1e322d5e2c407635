"""The plugin's options are MkDocs config options: a path that does not exist is a config
error naming the option; the default data files stay optional."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

MKDOCS = Path(sys.executable).parent / "mkdocs"


def config_error(project: Path, options: str) -> str:
    (project / "docs").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(f"site_name: t\nplugins:\n  - speeches:\n{options}", encoding="utf-8")
    result = subprocess.run(
        [str(MKDOCS), "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        capture_output=True, text=True, cwd=project, timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1
    assert "Aborted with a configuration error!" in result.stdout + result.stderr
    assert not (project / "site").exists()
    return next(line for line in result.stderr.splitlines() if line.startswith("ERROR"))


@pytest.mark.parametrize("option, kind", [("taxonomy", "file"), ("glossary", "file")])
def test_a_configured_data_file_that_does_not_exist_is_a_config_error(tmp_path: Path, option: str, kind: str) -> None:
    (tmp_path / "source_texts").mkdir()
    error = config_error(tmp_path, f"      {option}: missing.yml\n")
    assert error == (f"ERROR   -  Config value 'plugins': Plugin 'speeches' option '{option}': "
                     f"The path '{tmp_path / 'missing.yml'}' isn't an existing {kind}.")


def test_a_sources_folder_that_does_not_exist_is_a_config_error(tmp_path: Path) -> None:
    error = config_error(tmp_path, "      sources: speeches\n")
    assert error == ("ERROR   -  Config value 'plugins': Plugin 'speeches' option 'sources': "
                     f"The path '{tmp_path / 'speeches'}' isn't an existing directory.")


def test_the_default_sources_folder_must_exist_too(tmp_path: Path) -> None:
    error = config_error(tmp_path, "      parallel: false\n")
    assert error == ("ERROR   -  Config value 'plugins': Plugin 'speeches' option 'sources': "
                     f"The path '{tmp_path / 'source_texts'}' isn't an existing directory.")

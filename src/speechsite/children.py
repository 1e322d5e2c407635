"""A module of this package run in a fresh interpreter (`python -m speechsite.…`): the search
index's worker (search/handoff.py) and the pinyin of new addresses (slugs.py). The child must
import this very package — also when it is not installed, only on the caller's path — so the
folder holding it comes first on the child's PYTHONPATH.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_PARENT = Path(__file__).resolve().parents[1]  # the folder holding speechsite/


def module_command(module: str) -> list[str]:
    """The command that runs `module` (e.g. "speechsite.slugs") as a script, with this Python."""
    return [sys.executable, "-m", module]


def child_environment() -> dict[str, str]:
    """This environment, with the folder holding this package first on the child's path."""
    environment = dict(os.environ)
    paths = [str(PACKAGE_PARENT), *filter(None, environment.get("PYTHONPATH", "").split(os.pathsep))]
    environment["PYTHONPATH"] = os.pathsep.join(paths)
    return environment

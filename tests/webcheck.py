"""The two checkers from npm the tests run on the built site: axe-core (accessibility rules,
injected into a page open in Chromium) and the Nu HTML checker (vnu-jar, run once with Java over
many files). `npm ci` at the repository root installs both into node_modules/ (package.json pins
the versions); where they are missing the tests that need them skip with that install hint.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
NPM_HINT = "run `npm ci` at the repository root (installs axe-core and vnu-jar from package-lock.json)"
JAVA_HINT = "Java is missing — install it with: apt-get install default-jre-headless"
# What counts as a failure: axe's two highest impact levels.
BLOCKING = ("serious", "critical")


def require_axe() -> str:
    """axe-core's script text; skips the test where it is not installed."""
    if not AXE.exists():
        pytest.skip(f"axe-core is missing — {NPM_HINT}")
    return AXE.read_text("utf-8")


def axe_violations(page: Any, script: str, rules: Sequence[str] = ()) -> list[dict[str, Any]]:
    """axe-core run on the page as it is now: the serious and critical violations, each with
    its rule, impact, help text and the elements (CSS selectors) that break it. `rules`
    narrows the run to those rule ids (e.g. colour contrast after switching the scheme)."""
    # Colours mid-transition (a toggled scheme, the header after a resize) are not what a reader sees.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("() => Boolean(window.axe)"):
        page.add_script_tag(content=script)
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    found = page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)
    return [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [(n["target"], n.get("failureSummary", "")) for n in v["nodes"]]}
        for v in found if v["impact"] in BLOCKING
    ]


def vnu_errors(files: Sequence[Path]) -> list[dict[str, Any]]:
    """The Nu HTML checker's errors for `files`, all checked in one Java run (the JVM's start
    is the slow part); each message carries its file as `url` (file:…)."""
    if not VNU.exists():
        pytest.skip(f"vnu-jar is missing — {NPM_HINT}")
    java = shutil.which("java")
    if java is None:
        pytest.skip(JAVA_HINT)
    command = [java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1) or not result.stderr.lstrip().startswith("{"):
        raise RuntimeError(f"vnu failed ({result.returncode}): {result.stderr[-2000:]}")
    messages: list[dict[str, Any]] = json.loads(result.stderr)["messages"]
    return [m for m in messages if m.get("type") == "error"]

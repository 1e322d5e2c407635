"""The shape of the code: the pipeline's layers (import-linter contracts in pyproject.toml),
only the plugin imports mkdocs, no imports hidden inside functions, small modules and
functions, no copied blocks."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "speechsite"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 50
DUPLICATE_WINDOW = 6
# Not code blocks: imports, docstring quotes, and one parameter per line of a signature (two
# functions may take the same arguments).
BOILERPLATE = re.compile(r'\s*(?:import \S|from \S+ import |"""\s*$|[a-z_]\w*: [^=]+,\s*$)')


def lint_imports(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    script = Path(sys.executable).parent / "lint-imports"
    return subprocess.run([str(script), "--no-cache"], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["importlinter"]["contracts"])


def sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contracts())} kept, 0 broken." in result.stdout


def test_a_broken_contract_fails(tmp_path: Path) -> None:
    """An upward import and a mkdocs import in a copy of the package break both contracts."""
    shutil.copytree(PACKAGE, tmp_path / "speechsite")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / "speechsite" / "model.py").open("a", encoding="utf-8") as model:
        model.write("\nfrom .render import labels  # a layer imported from below\n")
    with (tmp_path / "speechsite" / "render" / "text.py").open("a", encoding="utf-8") as text:
        text.write("\nimport mkdocs  # only the plugin may\n")
    result = lint_imports(tmp_path, pythonpath=tmp_path)
    assert result.returncode == 1
    assert "Contracts: 0 kept, 2 broken." in result.stdout
    assert "speechsite.model is not allowed to import speechsite.render" in result.stdout
    assert re.search(r"speechsite\.render\.text -> mkdocs", result.stdout)


def test_every_top_level_module_has_a_layer() -> None:
    """A new module or folder must be placed in the layers, or the contract would not see it."""
    layers = next(contract for contract in contracts() if contract["id"] == "layers")["layers"]
    assert isinstance(layers, list)
    listed = {name.strip() for layer in layers for name in layer.split("|")}
    present = {f"speechsite.{path.stem}" for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    present |= {f"speechsite.{path.parent.name}" for path in PACKAGE.glob("*/__init__.py")}
    assert listed == present


def test_no_imports_of_the_package_inside_functions() -> None:
    """Imports of speechsite modules sit at the top of a module (no cycle is dodged); only slow
    third-party imports needed for rare inputs may wait inside a function."""
    hidden = []
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}: TYPE_CHECKING block")
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.level or (inner.module or "").startswith("speechsite")):
                    hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
                if isinstance(inner, ast.Import) and any(a.name.startswith("speechsite") for a in inner.names):
                    hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert hidden == []


def test_modules_and_functions_stay_small() -> None:
    too_long = []
    for path in sources():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.name} has {lines} lines")
    assert too_long == []


def test_no_block_of_six_lines_is_copied() -> None:
    """No six consecutive lines of code (whitespace normalised; blank lines, imports,
    docstring quotes and parameter lists left out) occur twice in src/."""
    places: dict[str, list[str]] = defaultdict(list)
    for path in sources():
        lines = [(number, " ".join(raw.split()))
                 for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if raw.strip() and not BOILERPLATE.match(raw)]
        for start in range(len(lines) - DUPLICATE_WINDOW + 1):
            window = "\n".join(text for _, text in lines[start:start + DUPLICATE_WINDOW])
            places[window].append(f"{path.relative_to(ROOT)}:{lines[start][0]}")
    assert [where for where in places.values() if len(where) > 1] == []

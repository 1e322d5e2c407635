#!/usr/bin/env python3
"""Write generated/ for Zensical (zensical.toml) or MkDocs without our plugin
(mkdocs.generated.yml): `speechsite build-pages` with this repository's mkdocs.yml,
runnable from a checkout without installing the package.

    python3 scripts/build_pages.py [OUTDIR] [--config mkdocs.yml]
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from speechsite.commands.cli import main  # noqa: E402

arguments = sys.argv[1:]
if not any(argument == "--config" or argument.startswith("--config=") for argument in arguments):
    arguments += ["--config", str(ROOT / "mkdocs.yml")]
sys.exit(main(["build-pages", *arguments]))

"""`python -m speechsite …` runs the command line."""

from __future__ import annotations

import sys

from .commands.cli import main

sys.exit(main())

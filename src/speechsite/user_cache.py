"""speechsite's folder in the user's cache: jieba's dictionary cache, extracted PDF and Word text.

Never the shared system temp folder (other users could plant files there) and never the
project: a cache is machine-local and can be deleted at any time.
"""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_folder() -> Path:
    """`$XDG_CACHE_HOME/speechsite` (when that is an absolute path, as the XDG spec asks),
    else `~/.cache/speechsite`."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "speechsite"

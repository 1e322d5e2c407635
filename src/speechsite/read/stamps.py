"""Which source files changed since the last build in this process, told by their stamps
(inode, size, modification and change times of the file and of its sidecar) instead of by
reading and hashing every file again. Only a long-lived process keeps stamps (`mkdocs serve`).

A file can change again within the same tick of the clock that stamped the last change, and
its stamp would not show it. So a stamp is trusted only once it is safely older than the
moment it was taken (`RACY_NS`, as git treats racily clean files): until then the file is
read and hashed as if it were new. Symbolic links are never trusted (their target may change
without the link).
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

RACY_NS = 2_000_000_000  # a stamp this close to the moment it was taken may hide a change

Stamp = tuple[int, ...]


def stamp_of(path: Path) -> Stamp | None:
    """The file's and its sidecar's (`<stem>.yml`) inode, size and times; None when either is
    not a plain file (a link, a folder) or the file cannot be looked at."""
    found: list[int] = []
    for candidate, required in ((path, True), (path.with_suffix(".yml"), False)):
        try:
            info = os.lstat(candidate)
        except OSError:
            if required:
                return None
            found.append(-1)  # no sidecar: one appearing changes the stamp
            continue
        if not stat.S_ISREG(info.st_mode):
            return None
        found += [info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]
    return tuple(found)


@dataclass
class FileStamps:
    """The stamp and the cache key of each source file read at the last build. Mutable on
    purpose: it lives as long as a serve session."""

    _known: dict[Path, tuple[Stamp, int, str]] = field(default_factory=dict)  # path → (stamp, taken at, key)
    _seen: dict[Path, tuple[Stamp, int, str]] = field(default_factory=dict)
    racy_ns: int = RACY_NS
    _data_files: frozenset[Path] = frozenset()  # never a sidecar: a new set reads every file again

    def begin(self, data_files: frozenset[Path]) -> None:
        """A new scan, with the data files (taxonomy, glossary) that are nobody's sidecar."""
        if data_files != self._data_files:
            self._known = {}
        self._data_files, self._seen = data_files, {}

    def check(self, path: Path) -> tuple[Stamp | None, int, str | None]:
        """The file's stamp now, when it was taken, and the cache key of the file's last
        reading when the stamp shows that it did not change since (None: read it)."""
        taken = time.time_ns()
        now = stamp_of(path)
        entry = self._known.get(path)
        if now is not None and entry is not None and entry[0] == now and _latest(now) < entry[1] - self.racy_ns:
            self._seen[path] = entry
            return now, taken, entry[2]
        return now, taken, None

    def record(self, path: Path, stamp: Stamp | None, taken: int, key: str) -> None:
        """The file, stamped `stamp` at `taken` (before it was read), was read as `key`."""
        if stamp is not None:
            self._seen[path] = (stamp, taken, key)

    def finish(self) -> None:
        """The scan is over: files it did not see are forgotten."""
        self._known, self._seen = self._seen, {}


def _latest(stamp: Stamp) -> int:
    """The latest modification or change time in a stamp (the file's, and its sidecar's)."""
    return max(stamp[2], stamp[3], *(stamp[6:8] if len(stamp) == 8 else ()))

"""The site folder a build writes into: a lock, so that two builds never write into one folder
at once, and the removal of what an earlier build left in the folders this site generates.

`mkdocs build` empties the site folder before it builds, but `mkdocs build --dirty` does not,
and a second build started while the first still writes would mix their files silently. The
lock is an advisory `flock` on a file in the site folder, held from before MkDocs cleans the
folder until the static files are written (the forked writer shares it); a second build
fails at once, naming the folder. The lock file is removed when the lock is released, so the
published site does not carry it.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SpeechSiteError

try:
    import fcntl
except ImportError:  # Windows: no flock; builds there are not locked
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".speechsite-build.lock"
# Folders whose every file the plugin makes (besides the static folders, which are cleared).
PAGE_FOLDERS = ("speeches/", "topics/", "glossary/", "data/")


class SiteFolderBusy(SpeechSiteError):
    """Another build holds the site folder's lock."""


@dataclass
class SiteLock:
    """The held lock on a site folder; a handle, so not frozen."""

    path: Path
    fd: int | None = field(default=None)

    @classmethod
    def take(cls, site_dir: Path) -> SiteLock:
        """Lock `site_dir` (created if missing) or raise SiteFolderBusy at once."""
        site_dir.mkdir(parents=True, exist_ok=True)
        path = site_dir / LOCK_NAME
        if fcntl is None:
            return cls(path)
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise SiteFolderBusy(
                    f"{site_dir}: another build is writing into this folder — wait for it to "
                    "finish, or build into another folder (`mkdocs build -d <folder>`)"
                ) from None
            if _same_file(fd, path):
                return cls(path, fd)
            os.close(fd)  # locked a file the previous holder had just removed: take the new one

    def release(self) -> None:
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


def prune(site_dir: Path, keep: Collection[str], folders: Iterable[str] = PAGE_FOLDERS) -> list[str]:
    """Remove every file under `folders` of `site_dir` whose site path is not in `keep` (what
    this build made), and folders left empty; returns the removed site paths."""
    removed: list[str] = []
    for folder in folders:
        base = site_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), key=lambda p: len(p.parts), reverse=True):
            site_path = path.relative_to(site_dir).as_posix()
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    path.rmdir()
            elif site_path not in keep:
                path.unlink()
                removed.append(site_path)
    return sorted(removed)

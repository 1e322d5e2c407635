"""The site folder under `mkdocs serve`, kept from one rebuild to the next.

MkDocs empties its site folder before every build and writes every page again: at 2,000
speeches 146 MB of HTML, and the 10,500 static files linked back in, for an edit that changed
a few pages. Under serve the plugin keeps the folder instead. Before MkDocs empties it, the
last build's files move into a hidden folder inside it (`stash`; MkDocs leaves hidden entries
alone, and renaming the few top-level entries is cheap); once MkDocs has emptied it they move
back (`restore`). A page whose HTML is what the last build wrote is then not written again
(`unchanged`), and what the last build made that this one does not is removed (`finish`).

A build that fails leaves the folder in a state nobody recorded: the next one starts from an
empty folder and writes everything (`forget`).
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

STASH = ".speechsite-kept"  # hidden: MkDocs' cleaning passes it over


class UnwrittenPages(logging.Filter):
    """Drops MkDocs' note that a page was "skipped" (it had no output) for the pages left
    unwritten because their files hold their HTML already."""

    def __init__(self) -> None:
        super().__init__()
        self.notes: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        return not (self.notes and isinstance(record.msg, str) and record.msg in self.notes)


@dataclass
class KeptFolder:
    """What the last finished build wrote into the site folder. Mutable on purpose: it lives
    as long as a serve session (`active`: `mkdocs build` keeps nothing)."""

    active: bool = False
    restored: bool = False  # this build started from the last finished build's folder
    unwritten: UnwrittenPages = field(default_factory=UnwrittenPages)
    _pages: dict[str, str] = field(default_factory=dict)  # site path → HTML written (last build)
    _current: dict[str, str] = field(default_factory=dict)  # the same, this build
    _files: frozenset[str] = frozenset()  # site paths of MkDocs' files of the last build

    def stash(self, site_dir: Path) -> bool:
        """Before MkDocs empties `site_dir`: move the last finished build's files aside.
        False when there is none to keep (the first build, or one after a failure)."""
        self.restored, self._current = False, {}
        self.unwritten.notes.clear()
        stash = site_dir / STASH
        if stash.exists():  # left by a build that failed before restoring it
            shutil.rmtree(stash, ignore_errors=True)
        if not self._files or not site_dir.is_dir():
            return False
        stash.mkdir()
        for entry in os.listdir(site_dir):
            if not entry.startswith("."):
                os.replace(site_dir / entry, stash / entry)
        return True

    def restore(self, site_dir: Path) -> None:
        """After MkDocs has emptied `site_dir`: the stashed files back in their places."""
        stash = site_dir / STASH
        if not stash.is_dir():
            return
        try:
            for entry in os.listdir(stash):
                os.replace(stash / entry, site_dir / entry)
            stash.rmdir()
        except OSError:  # something new in the way: start from an empty folder after all
            for entry in os.listdir(site_dir):
                if not entry.startswith(".") or entry == STASH:
                    _remove(site_dir / entry)
            self.forget()
            return
        self.restored = True

    def output(self, path: str, src_uri: str, html: str) -> str:
        """What MkDocs is to write for the page at site path `path`: nothing (and no note
        about it) when its file holds `html` already."""
        # isspace(), not strip(): no copy of each page's HTML (≈ 50 KB) to see if it is blank
        if not self.active or not self.unchanged(path, html) or not html or html.isspace():
            return html
        self.unwritten.notes.add(f"Page skipped: '{src_uri}'. Generated empty output.")
        return ""

    def unchanged(self, path: str, html: str) -> bool:
        """Record that the page at site path `path` is `html`; True when the file there
        already holds it (so that it need not be written)."""
        before = self._pages.get(path)
        self._current[path] = before if before is not None and before == html else html
        return self.restored and before is not None and self._current[path] is before

    def finish(self, site_dir: Path, files: Iterable[str]) -> bool:
        """The build finished with MkDocs' `files` (site paths): remove what the last build
        made that this one did not. True when the folder was the last build's, kept."""
        made, kept = frozenset(files), self.restored
        for path in sorted(self._files - made) if kept else ():
            target = site_dir / path
            target.unlink(missing_ok=True)
            _remove_empty_folders(target.parent, site_dir)
        self._pages, self._current, self._files = self._current, {}, made
        self.restored = False
        return kept

    def forget(self) -> None:
        """A failed build: the next one starts from an empty folder."""
        self._pages, self._current, self._files = {}, {}, frozenset()
        self.restored = False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _remove_empty_folders(folder: Path, site_dir: Path) -> None:
    while folder != site_dir and folder.is_relative_to(site_dir):
        try:
            folder.rmdir()
        except OSError:  # not empty (or gone)
            return
        folder = folder.parent

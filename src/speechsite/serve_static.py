"""The static files under `mkdocs serve`: made after the reload, in a thread, only when the
corpus changed.

`mkdocs serve` empties its site folder before every rebuild. The static files (search index,
data exports, source copies) take most of the core's time and no page needs them to render,
so under serve they are not made with the pages: `StaticStore` keeps the last complete set
in a folder of its own and links it into each fresh site folder (cheap hard links, or
copies), then — if the sources changed since that set was made — makes the new set in a
background thread and replaces the files one by one, each atomically. While it works the
site holds `search/refreshing.json`, which the search box reads to say that its index is
being refreshed.

`inputs_digest` says whether the sources changed: the speeches' files, slugs and metadata,
the data files and the site URL.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SpeechSiteError
from .heap import release_long_lived, set_aside_long_lived
from .model import Corpus
from .output import StaticFiles
from .page_cache import digest
from .serve_folder import KeptFolder

REFRESHING = "search/refreshing.json"
log = logging.getLogger(__name__)


def inputs_digest(corpus: Corpus, data_files: Iterable[Path | None], site_url: str) -> str:
    """What the static files are made from: a different digest means they must be made again."""
    parts: list[str | bytes] = [site_url]
    for path in data_files:
        parts.append(path.read_bytes() if path is not None and path.is_file() else b"")
    for speech in corpus.speeches:
        parts.append(f"{speech.source.path}\0{speech.source.sha256}\0{speech.slug}\0{speech.meta!r}")
    parts.extend(str(diagnostic) for diagnostic in corpus.diagnostics)
    return digest(*parts)


@dataclass
class StaticStore:
    """The last set of static files made under serve, and the thread making the next one.
    Mutable on purpose: it lives as long as a serve session."""

    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="speechsite-static-")))
    made_from: str | None = None  # inputs_digest of the complete set in `folder`
    paths: set[str] = field(default_factory=set)
    _thread: threading.Thread | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    error: str | None = None
    _emptying: threading.Thread | None = None

    def publish(self, static: StaticFiles, inputs: str, site_dir: Path, linked: bool = False) -> bool:
        """Link the last set into `site_dir` (unless it is `linked` there already: the folder
        of the last build, kept); start making a new one if `inputs` changed.
        Returns True when a refresh was started."""
        self.stop()
        if not linked:
            for path in sorted(self.paths):
                _link(self.folder / path, site_dir / path)
        if inputs == self.made_from:
            return False
        _write(site_dir / REFRESHING, b'{"refreshing": true}\n')
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._refresh, args=(static, inputs, site_dir), name="speechsite-static", daemon=True
        )
        self._thread.start()
        return True

    def before_build(self, site_dir: Path, folder: KeptFolder | None) -> None:
        """Before MkDocs empties `site_dir`: stop a refresh under way; then, unless the build is
        dirty (no `folder`), keep the folder's content aside for the build, or have it deleted."""
        self.stop()
        if folder is not None and not folder.stash(site_dir):
            self.empty(site_dir)

    def stop(self) -> None:
        """Stop a refresh under way (a new build is about to empty the site folder)."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stop.set()
            thread.join()

    def wait(self) -> None:
        """Wait for a refresh under way to finish (tests, benchmarks)."""
        thread = self._thread
        if thread is not None:
            thread.join()

    def close(self) -> None:
        self.stop()
        if self._emptying is not None:
            self._emptying.join()
        shutil.rmtree(self.folder, ignore_errors=True)
        release_long_lived()

    def empty(self, site_dir: Path) -> None:
        """Empty `site_dir` at once, its old content deleted by a thread: renaming is cheap where
        deleting hundreds of folders is not (MkDocs would delete them before building)."""
        if not site_dir.is_dir():
            return
        if self._emptying is not None:
            self._emptying.join()
        trash = Path(tempfile.mkdtemp(prefix=".speechsite-old-", dir=site_dir.parent))
        for entry in os.listdir(site_dir):
            os.replace(site_dir / entry, trash / entry)
        self._emptying = threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True},
                                          name="speechsite-empty", daemon=True)
        self._emptying.start()

    def _refresh(self, static: StaticFiles, inputs: str, site_dir: Path) -> None:
        self.made_from = None  # the folder is being changed: no longer a complete set
        made: set[str] = set()
        try:
            for file in static:
                if self._stop.is_set():
                    return
                _write(self.folder / file.path, file.as_bytes())
                _link(self.folder / file.path, site_dir / file.path)
                made.add(file.path)
            for path in self.paths - made:
                (self.folder / path).unlink(missing_ok=True)
                (site_dir / path).unlink(missing_ok=True)
            self.paths, self.made_from, self.error = made, inputs, None
            (site_dir / REFRESHING).unlink(missing_ok=True)
            set_aside_long_lived()  # the session's caches, out of every rebuild's collections (heap.py)
        except (OSError, SpeechSiteError) as error:  # the site folder was emptied under us, the disk is full, the search worker failed
            self.error = f"{error}"
            log.warning(f"speechsite: refreshing the search index and data files failed: {error}")
        finally:
            self.paths |= made


def _write(target: Path, data: bytes) -> None:
    """Write atomically: a reader sees the old file or the new one, never half of one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _link(source: Path, target: Path) -> None:
    """Put `source` at `target` atomically: a hard link where possible, else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        os.link(source, temporary)
    except OSError:
        shutil.copyfile(source, temporary)
    os.replace(temporary, target)

"""A forked writer: it renders the corpus pages and writes the static files while the caller
goes on rendering the speech pages and MkDocs renders everything.

MkDocs renders pages on one core. The pages over the whole corpus (topics, glossary,
overview, home, browse) are made by the writer while the caller makes the speech pages, and
handed back through a pipe; the static files — search index, data exports, source copies —
need nothing from MkDocs and are most of the core's work, so the writer then writes them
straight into the site folder while MkDocs works. Fork shares the parsed corpus with the
child without copying or pickling it. The search index is not made in the writer itself: the
writer streams the search units to a process of its own (search/handoff.py), a fresh Python
whose memory does not come on top of the corpus the writer inherited.

Only where fork is safe: a POSIX system other than macOS (whose system frameworks may crash
a forked child) and a process with no other thread (forking a threaded process can deadlock
the child on a lock another thread held; `mkdocs serve` runs a server thread). Elsewhere
the caller makes everything itself.

The child dies with the build process: a SIGTERM (a CI cancel, `docker stop`) ends the
parent without any cleanup, and a writer left running would go on writing into the site
folder, into the next build's files. On Linux the kernel kills it (PR_SET_PDEATHSIG);
elsewhere a thread of the child watches for the parent to be gone.
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from .errors import SpeechSiteError
from .heap import return_free_memory
from .output import FileGroup, OutputFile, SiteOutput, StaticFiles

MAX_MESSAGE = 4000  # bytes of the child's error message passed back
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL = 0.2  # seconds between checks of the parent, where prctl is not available
# The first line of what the child writes to the error pipe: what kind of message follows.
# ERROR: a SpeechSiteError, whose message (a path in the site first) says what to do.
FAILED_ON_DISK, FAILED, ERROR, WARNINGS = "disk", "failed", "error", "warnings"
DISK_HINT = "check free disk space and permissions"
BUG_HINT = "this is a bug in speechsite, please report it with the full error"


class StaticWriteError(SpeechSiteError):
    """The background writer failed."""


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


@dataclass
class BackgroundWriter:
    """The forked child: `pages()` receives the pages it made, `wait()` waits for the rest.
    A handle on a process, so not frozen: it tracks which of its pipes are still open."""

    pid: int
    pages_in: int  # read end of the pipe the child sends the pages through
    errors: int  # read end of the pipe the child writes its error message to
    site_dir: Path
    _open: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._open.update((self.pages_in, self.errors))

    @classmethod
    def start(cls, pages: FileGroup, static: StaticFiles, site_dir: Path) -> BackgroundWriter:
        """Fork a child that makes `pages`, sends them back, then writes `static` under
        `site_dir`. Call only when `can_fork()`; raises OSError (and leaves nothing behind)
        when the system cannot fork."""
        pages_in, pages_out = os.pipe()
        errors_in, errors_out = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        gc.freeze()  # the child's collections then leave the shared corpus pages untouched
        return_free_memory()  # or the child's resident set counts the free pages too
        try:
            pid = os.fork()
        except OSError:  # e.g. no memory for another process: the caller makes everything
            gc.unfreeze()
            for fd in (pages_in, pages_out, errors_in, errors_out):
                os.close(fd)
            raise
        if pid == 0:
            os.close(pages_in)
            os.close(errors_in)
            _work_and_exit(pages, static, site_dir, pages_out, errors_out, parent)
        os.close(pages_out)
        os.close(errors_out)
        return cls(pid, pages_in, errors_in, site_dir)

    def pages(self) -> tuple[OutputFile, ...]:
        """The pages the child made (blocks until it has sent them all)."""
        try:
            with os.fdopen(self.pages_in, "rb", closefd=False) as stream:
                return _unpickle_pages(stream)
        except Exception:  # noqa: BLE001 — the child stopped before sending them all
            self.wait()
            raise StaticWriteError(f"{self.site_dir}: the background writer stopped without an error") from None
        finally:
            self._close(self.pages_in)

    def wait(self) -> tuple[str, ...]:
        """Wait for the child; its warnings (files it could not write, e.g. a path too long),
        or StaticWriteError with its message if it failed."""
        try:
            self._close(self.pages_in)  # if the pages were never read, the child must not block
            _, status = os.waitpid(self.pid, 0)
            kind, _, message = _read_all(self.errors).decode("utf-8", "replace").partition("\n")
        finally:
            self._close(self.errors)
            gc.unfreeze()
        if os.waitstatus_to_exitcode(status) == 0:
            return tuple(message.splitlines()) if kind == WARNINGS else ()
        if kind == ERROR:
            raise StaticWriteError(f"{self.site_dir}{os.sep}{message.strip()}")
        hint = BUG_HINT if kind == FAILED else DISK_HINT
        raise StaticWriteError(
            f"{self.site_dir}: making the corpus pages and static files in a second process failed: "
            f"{message.strip() or _describe(status)} — {hint}, "
            "or set `parallel: false` for the speeches plugin in mkdocs.yml to see the full error"
        )

    def cancel(self) -> None:
        """Stop the child (the build failed elsewhere) and reap it."""
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        finally:
            self._close(self.pages_in)
            self._close(self.errors)
            gc.unfreeze()

    def _close(self, fd: int) -> None:
        if fd in self._open:
            self._open.discard(fd)
            os.close(fd)


@dataclass
class SiteFiles:
    """The files the caller adds to the site now (`files`, assets first); with a `writer`, the
    static files are being written into the site folder by it, and the caller registers only
    their `linkable` names. `extra_css` and `extra_javascript`: the site's own, for MkDocs."""

    files: tuple[OutputFile, ...]
    writer: BackgroundWriter | None = None
    linkable: tuple[str, ...] = ()
    not_forked: str = ""  # why the files were all made here although a writer was asked for
    extra_css: tuple[str, ...] = ()
    extra_javascript: tuple[str, ...] = ()

    @classmethod
    def of(cls, site: SiteOutput, files: tuple[OutputFile, ...], **made: Any) -> SiteFiles:
        return cls(files, extra_css=site.extra_css, extra_javascript=site.extra_javascript, **made)


def make_site_files(
    make_site: Callable[[], SiteOutput], site_dir: Path, parallel: bool, before_fork: Callable[[StaticFiles], None]
) -> SiteFiles:
    """Make the site (`make_site`), its assets, pages and static files. With `parallel`, where
    fork is safe, a forked writer makes the corpus pages and writes the static files while this
    process makes the speech pages; `before_fork` checks the site folder first. The static
    folders are emptied first (an earlier build's files must not linger). The site is made
    here, so that nothing else holds it: once the speech pages are made, its corpus is let go
    before the writer's corpus pages arrive, which then take its memory instead of adding to it."""
    site = make_site()
    site.static.clear(site_dir)
    if parallel and can_fork():
        before_fork(site.static)
        try:
            writer = BackgroundWriter.start(site.corpus_pages, site.static, site_dir)
        except OSError as error:
            return SiteFiles.of(site, site.files, not_forked=f"cannot fork ({error})")
        try:
            made = SiteFiles.of(site, site.assets + site.pages.files, writer=writer, linkable=site.static.linkable)
            del site  # the corpus, its annotations and reuse tables go (speech pages made meanwhile)
            _collect()
            made.files += writer.pages()
        except StaticWriteError:
            raise  # pages() reaped the writer
        except BaseException:
            writer.cancel()
            raise
        return made
    return SiteFiles.of(site, site.files)


def _collect() -> None:
    """A full collection once the corpus is let go. It finds no garbage (the objects from before
    the fork stay frozen, so the writer's pages stay shared), yet at 2,000 speeches it returns
    ≈ 50 MB that MkDocs' pages would otherwise come on top of — most likely the interpreter's
    free lists, emptied by a full collection, whose objects kept the corpus's arenas: the
    build process ends at 329 instead of 388 MB."""
    gc.collect()
    return_free_memory()


def _work_and_exit(
    pages: FileGroup, static: StaticFiles, site_dir: Path, pages_out: int, errors: int, parent: int
) -> None:
    status = 1
    try:
        _die_with(parent)
        _leave_a_core_to_the_parent()
        with os.fdopen(pages_out, "wb") as out:
            _pickle_pages(pages, out)
        skipped: list[str] = []
        static.write(site_dir, skipped)
        if skipped:
            os.write(errors, "\n".join([WARNINGS, *skipped]).encode()[:MAX_MESSAGE])
        status = 0
    except BaseException as error:  # noqa: BLE001 — everything must reach the parent
        if isinstance(error, SpeechSiteError):
            os.write(errors, f"{ERROR}\n{error}".encode()[:MAX_MESSAGE])
        else:
            kind = FAILED_ON_DISK if isinstance(error, OSError) else FAILED
            os.write(errors, f"{kind}\n{type(error).__name__}: {error}".encode()[:MAX_MESSAGE])
    finally:
        os._exit(status)  # never run the parent's exit handlers or flush its buffers twice


def _die_with(parent: int) -> None:
    """End this process when the parent ends, however it ends (see the module docstring)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handlers are not ours
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:  # it ended before prctl took effect
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _leave_a_core_to_the_parent() -> None:
    """The child's threads (the search index deflates on a pool) must not slow MkDocs down."""
    if hasattr(os, "sched_getaffinity"):
        cores = os.sched_getaffinity(0)
        if len(cores) > 1:
            os.sched_setaffinity(0, cores - {min(cores)})


def _pickle_pages(pages: FileGroup, out: BinaryIO) -> None:
    """Send the pages one by one as they are made, then None: the child never holds them all
    (it goes on to make the static files), and the parent can tell a complete list."""
    for page in pages.make():
        pickle.dump(page, out, protocol=pickle.HIGHEST_PROTOCOL)
    pickle.dump(None, out, protocol=pickle.HIGHEST_PROTOCOL)


def _unpickle_pages(stream: BinaryIO) -> tuple[OutputFile, ...]:
    """The pages `_pickle_pages` sent, read as they come; EOFError if the list was cut short."""
    files = []
    while (page := pickle.load(stream)) is not None:
        files.append(page)
    return tuple(files)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"the process was stopped by signal {os.WTERMSIG(status)}"
    return f"the process exited with status {os.waitstatus_to_exitcode(status)}"

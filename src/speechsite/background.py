"""Write the static files in a forked process while the caller goes on rendering pages.

MkDocs renders pages on one core. The static files — search index, data exports, source
copies — need nothing from MkDocs and are most of the core's work, so on a machine with a
second core they are made there at the same time. Fork shares the parsed corpus with the
child without copying or pickling it.

Only where fork is safe: a POSIX system other than macOS (whose system frameworks may crash
a forked child) and a process with no other thread (forking a threaded process can deadlock
the child on a lock another thread held; `mkdocs serve` runs a server thread). Elsewhere
the caller writes the files itself.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from .errors import SpeechSiteError
from .output import StaticFiles

MAX_MESSAGE = 4000  # bytes of the child's error message passed back


class StaticWriteError(SpeechSiteError):
    """The process writing the static files failed."""


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


@dataclass(frozen=True)
class StaticWriter:
    """A forked child writing static files into the site folder; `wait()` before using them."""

    pid: int
    errors: int  # read end of the pipe the child writes its error message to
    site_dir: Path

    @classmethod
    def start(cls, static: StaticFiles, site_dir: Path) -> StaticWriter:
        """Fork a child that writes `static` under `site_dir`. Call only when `can_fork()`;
        raises OSError (and leaves nothing behind) when the system cannot fork."""
        read_end, write_end = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        gc.freeze()  # the child's collections then leave the shared corpus pages untouched
        try:
            pid = os.fork()
        except OSError:  # e.g. no memory for another process: the caller writes the files
            gc.unfreeze()
            os.close(read_end)
            os.close(write_end)
            raise
        if pid == 0:
            os.close(read_end)
            _write_and_exit(static, site_dir, write_end)
        os.close(write_end)
        return cls(pid, read_end, site_dir)

    def wait(self) -> None:
        """Wait for the child; raise StaticWriteError with its message if it failed."""
        try:
            _, status = os.waitpid(self.pid, 0)
            message = _read_all(self.errors).decode("utf-8", "replace").strip()
        finally:
            os.close(self.errors)
            gc.unfreeze()
        if os.waitstatus_to_exitcode(status) != 0:
            raise StaticWriteError(
                f"{self.site_dir}: writing the search index and data files failed: "
                f"{message or _describe(status)} — check free disk space and permissions, "
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
            os.close(self.errors)
            gc.unfreeze()


def _write_and_exit(static: StaticFiles, site_dir: Path, errors: int) -> None:
    status = 1
    try:
        _leave_a_core_to_the_parent()
        static.write(site_dir)
        status = 0
    except BaseException as error:  # noqa: BLE001 — everything must reach the parent
        os.write(errors, f"{type(error).__name__}: {error}".encode()[:MAX_MESSAGE])
    finally:
        os._exit(status)  # never run the parent's exit handlers or flush its buffers twice


def _leave_a_core_to_the_parent() -> None:
    """The child's threads (the search index deflates on a pool) must not slow MkDocs down."""
    if hasattr(os, "sched_getaffinity"):
        cores = os.sched_getaffinity(0)
        if len(cores) > 1:
            os.sched_setaffinity(0, cores - {min(cores)})


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"the process was stopped by signal {os.WTERMSIG(status)}"
    return f"the process exited with status {os.waitstatus_to_exitcode(status)}"

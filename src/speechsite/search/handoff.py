"""The caller's side of the search worker (worker.py): start it, stream the search units to it
speech by speech, and yield the files it sends back one at a time.

The worker is a fresh interpreter (`sys.executable -m speechsite.search.worker`), not a fork:
on every platform, in `mkdocs build` (whose writer is forked from the build process, and
would otherwise make the index on top of the whole corpus it inherits), with `parallel:
false` and under `mkdocs serve` (whose static files are made in a thread). It is given the
folder this package lies in on its path, so it finds the package also when it is not installed.

Neither side holds all the data at once: the units are pickled speech by speech as they are
made (the caller keeps none), and the files are read one by one as the caller writes them.
If the caller stops early (a serve rebuild stops the refresh), the worker is killed.
"""

from __future__ import annotations

import pickle
import signal
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from ..children import child_environment, module_command
from ..errors import SpeechSiteError
from ..output import OutputFile
from .files import FOLDER, PageLink, SpeechLink
from .protocol import PROTOCOL, packed_units

WORKER = "speechsite.search.worker"
STDERR_LINES = 5  # of the worker's standard error, in the message of its failure
EXIT_WAIT = 30  # seconds the worker may take to end once its output has ended


class SearchIndexError(SpeechSiteError):
    """The search worker could not be started, or failed."""


def worker_command() -> list[str]:
    return module_command(WORKER)


def worker_files(
    speeches: Sequence[SpeechLink], pages: Sequence[PageLink], units: Iterable[list[tuple[Any, ...]]]
) -> Iterator[OutputFile]:
    """The index files the worker makes from `units` (the SearchUnit fields, a list per speech)."""
    command = worker_command()
    with tempfile.TemporaryFile() as errors:
        try:
            child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=errors, env=child_environment())
        except OSError as error:
            raise SearchIndexError(
                f"{FOLDER}/: the search index was not made: cannot start {command[0]} ({error}) — "
                "run the build with a Python that can start itself again (sys.executable)"
            ) from None
        assert child.stdin is not None and child.stdout is not None
        try:
            _send(child.stdin, speeches, pages, units)
            yield from _received(child.stdout)
            complete = True
        except _Stopped:
            complete = False
        except BaseException:  # the caller stopped early (GeneratorExit), or failed
            child.kill()
            child.wait()
            raise
        status = _ended(child)
        if status != 0 or not complete:
            raise SearchIndexError(_failure(command, status, errors))


class _Stopped(Exception):
    """The worker's output ended before its last file."""


def _send(
    stdin: IO[bytes], speeches: Sequence[SpeechLink], pages: Sequence[PageLink],
    units: Iterable[list[tuple[Any, ...]]],
) -> None:
    try:
        with stdin:
            pickle.dump((list(speeches), list(pages)), stdin, protocol=PROTOCOL)
            for chunk in units:
                pickle.dump(packed_units(chunk), stdin, protocol=PROTOCOL)
            pickle.dump(None, stdin, protocol=PROTOCOL)
    except BrokenPipeError:  # the worker ended early: its exit status says why
        pass


def _received(stdout: IO[bytes]) -> Iterator[OutputFile]:
    with stdout:
        while True:
            try:
                item = pickle.load(stdout)
            except (EOFError, pickle.UnpicklingError):
                raise _Stopped from None
            if item is None:
                return
            yield OutputFile(*item)


def _ended(child: subprocess.Popen[bytes]) -> int:
    """The worker's exit status (killed if it does not end: its output is broken)."""
    try:
        return child.wait(timeout=EXIT_WAIT)
    except subprocess.TimeoutExpired:
        child.kill()
        return child.wait()


def _failure(command: list[str], status: int, errors: IO[bytes]) -> str:
    errors.seek(0)
    lines = [line.strip() for line in errors.read().decode("utf-8", "replace").splitlines() if line.strip()]
    said = "; ".join(lines[-STDERR_LINES:])
    what = f"{FOLDER}/: the search index was not made: its process ({' '.join(command)}) "
    if status < 0:
        return (f"{what}was stopped by signal {-status} ({_signal_name(-status)}){': ' + said if said else ''} — "
                "the system stops the largest process when memory runs out: free memory "
                "or build on a machine with more")
    ended = f"exited with status {status}" if status else "ended before sending every file"
    return (f"{what}{ended}{': ' + said if said else ''} — this is a bug in speechsite, "
            "please report it with this message")


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return "unknown"

"""Domain errors. The core raises these; the CLI and the plugin turn them into clean messages."""

from __future__ import annotations

from .model import Diagnostic


class SpeechSiteError(Exception):
    """Base class of every error this package raises on purpose."""


class SourceError(SpeechSiteError):
    """A source file that cannot be turned into a speech; other files are still processed.
    `level` "warning": nothing is wrong with the file, it only holds no speech to publish."""

    def __init__(self, file: str, line: int | None, message: str, hint: str = "", level: str = "error") -> None:
        self.diagnostic = Diagnostic(level, file, line, message, hint)
        super().__init__(str(self.diagnostic))


class DataFileError(SpeechSiteError):
    """A data file (taxonomy, glossary, addresses) that is malformed. The build goes on without
    a broken taxonomy or glossary (pipeline.load_data_files warns); a broken addresses file
    stops it, as building without it would move published pages."""

    def __init__(self, file: str, line: int | None, message: str, hint: str = "") -> None:
        self.diagnostic = Diagnostic("error", file, line, message, hint)
        super().__init__(str(self.diagnostic))

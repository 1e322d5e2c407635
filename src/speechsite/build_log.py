"""What a build says: MkDocs' progress lines kept quiet, and the plugin's one-line summary."""

from __future__ import annotations

import logging

from .model import Corpus

# MkDocs' own progress lines, replaced on a normal build by the plugin's one-line summary.
_PROGRESS = ("Cleaning site directory", "Building documentation to directory", "Documentation built in")


class _QuietProgress(logging.Filter):
    """Drops MkDocs' progress lines unless the build is verbose (`-v`); warnings always pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO or logging.getLogger("mkdocs").getEffectiveLevel() < logging.INFO:
            return True
        return not record.getMessage().startswith(_PROGRESS)


QUIET = _QuietProgress()


def summary(corpus: Corpus) -> str:
    problems = len(corpus.diagnostics)
    paragraphs = sum(1 for speech in corpus.speeches for _ in speech.all_paragraphs())
    noted = f"{problems} problem{'s' if problems != 1 else ''} in the sources (see the warnings above)" \
        if problems else "no problem in the sources"
    return f"{len(corpus.speeches)} speeches, {paragraphs} paragraphs, {noted}"


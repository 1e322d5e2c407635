"""The speech model: frozen dataclasses shared by every stage of the pipeline.

A `Speech` is what the parser recovers from one source text. Its `outline()` is the
human-readable structure that tests compare against golden files:

    一、要正确把握维稳形势
      ¶1
    （一）…

`source.py` holds where a speech comes from (file, metadata, repairs, problems), `speech.py`
the speech itself and the corpus.
"""

from .source import LEVELS, Diagnostic, ExtractionRecord, Metadata, Repair, SourceInfo
from .speech import (
    APPENDIX,
    CLOSING,
    FRONT,
    HEADING,
    OPENING,
    PARAGRAPH,
    SALUTATION,
    TITLE,
    Address,
    Corpus,
    FrontLine,
    Paragraph,
    Section,
    Speech,
    Unit,
)

__all__ = [
    "APPENDIX", "CLOSING", "FRONT", "HEADING", "LEVELS", "OPENING", "PARAGRAPH", "SALUTATION", "TITLE",
    "Address", "Corpus", "Diagnostic", "ExtractionRecord", "FrontLine", "Metadata", "Paragraph", "Repair",
    "Section", "SourceInfo", "Speech", "Unit",
]

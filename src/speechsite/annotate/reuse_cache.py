"""What passage reuse keeps across `mkdocs serve` rebuilds: each speech's paragraphs as reuse
reads them (by speech object: a speech that did not change is the same object, from the
parse cache) and each paragraph text's sentences (by text). The corpus-wide steps — common
wording, candidates, matches — are computed afresh from them, so the result is exactly
that of a clean run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Speech
from .reuse_text import CharTables, Sentences, join_sentences, split_each

Paragraphs = tuple[tuple[str, str], ...]  # (paragraph id, text) in document order


@dataclass
class ReuseCache:
    """Mutable on purpose: it lives as long as a serve session (in `pipeline.Caches`); only what
    the last build used is kept."""

    _paragraphs: dict[int, tuple[Speech, Paragraphs]] = field(default_factory=dict)
    _sentences: dict[str, Sentences] = field(default_factory=dict)
    _tables: CharTables | None = None
    split_texts: int = 0  # texts split in the last build (tests read it)

    def paragraphs(self, speeches: Sequence[Speech]) -> list[Paragraphs]:
        """Each speech's (paragraph id, text) pairs; the speech object kept with them, so that
        its id is not reused while the entry lives."""
        kept: dict[int, tuple[Speech, Paragraphs]] = {}
        found = []
        for speech in speeches:
            entry = self._paragraphs.get(id(speech))
            if entry is None or entry[0] is not speech:
                entry = (speech, tuple((p.id, p.text) for p in speech.all_paragraphs()))
            kept[id(speech)] = entry
            found.append(entry[1])
        self._paragraphs = kept
        return found

    def split(self, texts: Sequence[str]) -> Sentences:
        """`split_sentences(texts)`, splitting only texts the last build did not have."""
        if self._tables is None:
            self._tables = CharTables.build()
        new = [text for text in dict.fromkeys(texts) if text not in self._sentences]
        self.split_texts = len(new)
        made = dict(zip(new, split_each(new, self._tables), strict=True)) if new else {}
        self._sentences = {text: self._sentences.get(text) or made[text] for text in texts}
        return join_sentences([self._sentences[text] for text in texts])

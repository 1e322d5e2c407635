"""Passage reuse, step 1: paragraphs cut into sentences, sentences reduced to their content.

Reuse is found sentence by sentence: a copied sentence inside a longer paragraph is then
found like a copied paragraph, and sentence pairs align end to end (one global alignment
each, no local-alignment search). A sentence ends after 。！？；!?; (a run of them stays with
the sentence before) and at the end of its paragraph.

Comparison ignores everything but content: Chinese characters, letters and digits. Full-width
letters become ASCII, capitals lower case, and every digit becomes 0 (a changed figure —
the commonest edit of a copied passage — is no edit); punctuation, spaces and symbols are
dropped (a changed comma is not an edit either). `Sentences.offsets` maps every content character
back to its place in the paragraph, so shared text can be marked in the original.

Everything is vectorised over the concatenated distinct paragraph texts (numpy), so a corpus
of 2,000 speeches is cut in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt

Place = tuple[int, int]  # (speech index, paragraph index), speeches earliest first

TERMINATORS = "。！？；!?;"
SEPARATOR = "\0"  # between paragraphs in the concatenated text; never content
UNICODE_SIZE = 0x110000

Ints = npt.NDArray[np.int64]

# Code-point ranges that are not content (punctuation, spaces, symbols, controls).
_NON_CONTENT_RANGES = (
    (0x00, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0xBF), (0xD7, 0xD7), (0xF7, 0xF7),
    (0x2000, 0x2BFF),  # general punctuation, arrows, math and technical symbols, boxes
    (0x3000, 0x3006), (0x3008, 0x303F),  # CJK symbols and punctuation (〇 is a numeral)
    (0xFE10, 0xFE6F),  # vertical, compatibility and small forms
    (0xFEFF, 0xFEFF), (0xFF00, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65),
)  # fmt: skip


@dataclass(frozen=True)
class CharTables:
    """`content[c]`: whether code point c takes part in comparison; `fold[c]`: what it becomes."""

    content: npt.NDArray[np.bool_]
    fold: npt.NDArray[np.uint32]

    @classmethod
    def build(cls) -> CharTables:
        content = np.ones(UNICODE_SIZE, dtype=bool)
        for first, last in _NON_CONTENT_RANGES:
            content[first : last + 1] = False
        fold = np.arange(UNICODE_SIZE, dtype=np.uint32)
        fold[0x30:0x3A] = 0x30  # digits
        fold[0xFF10:0xFF1A] = 0x30
        fold[0xFF21:0xFF3B] -= 0xFEE0 - 0x20  # full-width capitals → ASCII lower case
        fold[0xFF41:0xFF5B] -= 0xFEE0  # full-width small letters
        fold[0x41:0x5B] += 0x20
        return cls(content, fold)


@dataclass(frozen=True)
class Sentences:
    """Every sentence of a list of paragraph texts, in order.

    Sentence i lies in paragraph `paragraph[i]` at `start[i]:end[i]` (its text with its
    terminator). Its content characters are `content[i]` (normalised, punctuation dropped);
    content character j of it stands at `offsets[first[i] + j]` in the paragraph.
    """

    paragraph: Ints
    start: Ints
    end: Ints
    content: tuple[str, ...]
    first: Ints  # index of the sentence's first content character in `offsets`
    offsets: Ints

    def content_offsets(self, sentence: int) -> Ints:
        first = int(self.first[sentence])
        return self.offsets[first : first + len(self.content[sentence])]


def split_sentences(texts: Sequence[str], tables: CharTables) -> Sentences:
    """Cut every text into sentences and reduce them to content (see the module docstring)."""
    codes = np.frombuffer((SEPARATOR.join(texts) + SEPARATOR).encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    para_start = np.cumsum(lengths + 1) - (lengths + 1)
    # int32 per character, not int64 (passage reuse is the build process's peak); 2^31
    # characters would need 8 GB of codes first
    paragraph_of = np.repeat(np.arange(len(texts), dtype=np.int32), lengths + 1)

    ends_sentence = np.zeros(UNICODE_SIZE, dtype=bool)
    ends_sentence[[ord(c) for c in TERMINATORS + SEPARATOR]] = True
    stop = ends_sentence[codes]
    previous_stop = np.concatenate(([True], stop[:-1]))
    separator = codes == 0
    begins = previous_stop & ~stop & ~separator  # a sentence starts after a stop, on a non-stop
    sentence_of = np.cumsum(begins, dtype=np.int32) - 1  # -1 before the first sentence (leading stops)
    starts = np.flatnonzero(begins)
    # A sentence runs to the next sentence's start or its paragraph's separator, whichever first.
    separators = np.flatnonzero(separator)
    next_separator = separators[np.searchsorted(separators, starts)]
    next_start = np.append(starts[1:], len(codes))
    ends = np.minimum(next_start, next_separator)

    content = tables.content[codes] & (sentence_of >= 0)
    positions = np.flatnonzero(content)
    folded = tables.fold[codes[positions]]
    owner = sentence_of[positions]
    counts = np.bincount(owner, minlength=len(starts))
    first = np.cumsum(counts) - counts
    raw = folded.tobytes()
    texts_out = tuple(
        raw[4 * a : 4 * (a + n)].decode("utf-32-le")
        for a, n in zip(first.tolist(), counts.tolist(), strict=True)
    )
    paragraph = paragraph_of[starts].astype(np.int64)
    base = para_start[paragraph]
    return Sentences(
        paragraph=paragraph,
        start=starts - base,
        end=ends - base,
        content=texts_out,
        first=first,
        offsets=positions - para_start[paragraph_of[positions]],
    )


def sentence_classes(sentences: Sentences, min_chars: int) -> tuple[list[str], np.ndarray]:
    """Distinct sentence contents long enough to count; class of each sentence (-1: too short)."""
    index: dict[str, int] = {}
    class_of = np.full(len(sentences.content), -1, dtype=np.int64)
    for i, text in enumerate(sentences.content):
        if len(text) >= min_chars:
            class_of[i] = index.setdefault(text, len(index))
    return list(index), class_of


@dataclass(frozen=True)
class ClassSpeeches:
    """The speeches each sentence class is in: class c's are `speeches[start[c]:start[c + 1]]`,
    ascending, each once."""

    start: Ints
    speeches: Ints

    def counts(self) -> Ints:
        return np.diff(self.start)


def speeches_of_classes(
    class_of: Ints, paragraph_of: Ints, places: Sequence[Sequence[Place]], count: int
) -> ClassSpeeches:
    """The speeches of each class: those of the paragraph texts its sentences are in
    (vectorised: a generated corpus of 2,000 speeches has 30,000 sentences in 70,000 places)."""
    sizes = np.fromiter(map(len, places), dtype=np.int64, count=len(places))
    flat = np.fromiter((s for group in places for s, _ in group), dtype=np.int64, count=int(sizes.sum()))
    width = int(flat.max()) + 1 if len(flat) else 1
    text_start = np.concatenate(([0], np.cumsum(sizes)))  # places are grouped by text already
    classed = np.flatnonzero(class_of >= 0)
    paragraphs = paragraph_of[classed]
    per = text_start[paragraphs + 1] - text_start[paragraphs]
    row = np.repeat(np.arange(len(classed), dtype=np.int64), per)
    offset = np.arange(len(row), dtype=np.int64) - np.repeat(np.cumsum(per) - per, per)
    speeches = flat[text_start[paragraphs][row] + offset]
    keys = np.sort(class_of[classed][row] * width + speeches)
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys
    classes = keys // width
    return ClassSpeeches(np.searchsorted(classes, np.arange(count + 1)), keys % width)


def split_each(texts: Sequence[str], tables: CharTables) -> list[Sentences]:
    """`split_sentences` of each text on its own (kept per text across serve rebuilds)."""
    made = split_sentences(texts, tables)
    bounds = np.searchsorted(made.paragraph, np.arange(len(texts) + 1)).tolist()
    chars = np.concatenate(([0], np.cumsum([len(c) for c in made.content], dtype=np.int64)))
    parts = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        first = made.first[a:b] - chars[a]
        parts.append(Sentences(
            paragraph=np.zeros(b - a, dtype=np.int64), start=made.start[a:b], end=made.end[a:b],
            content=made.content[a:b], first=first, offsets=made.offsets[chars[a] : chars[b]],
        ))  # fmt: skip
    return parts


def join_sentences(parts: Sequence[Sentences]) -> Sentences:
    """The sentences of texts split one by one, as `split_sentences` of them all gives them."""
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Sentences(empty, empty, empty, (), empty, empty)
    counts = np.fromiter((len(part.content) for part in parts), dtype=np.int64, count=len(parts))
    content = tuple(chain.from_iterable(part.content for part in parts))
    lengths = np.fromiter(map(len, content), dtype=np.int64, count=len(content))
    return Sentences(
        paragraph=np.repeat(np.arange(len(parts), dtype=np.int64), counts),
        start=np.concatenate([part.start for part in parts]),
        end=np.concatenate([part.end for part in parts]),
        content=content,
        first=np.cumsum(lengths) - lengths,
        offsets=np.concatenate([part.offsets for part in parts]),
    )


def distinct_texts(
    speeches: Sequence[tuple[str, Sequence[tuple[str, str]]]],
) -> tuple[list[str], tuple[tuple[Place, ...], ...], dict[tuple[str, str], int]]:
    """The distinct paragraph texts of (speech key, (paragraph id, text) pairs), the places
    (speech, paragraph number) of each, and each place's text by (key, paragraph id)."""
    index: dict[str, int] = {}
    places: list[list[Place]] = []
    text_of: dict[tuple[str, str], int] = {}
    for s, (key, paragraphs) in enumerate(speeches):
        for p, (paragraph, text) in enumerate(paragraphs):
            t = index.setdefault(text, len(index))
            if t == len(places):
                places.append([])
            places[t].append((s, p))
            text_of[(key, paragraph)] = t
    return list(index), tuple(map(tuple, places)), text_of

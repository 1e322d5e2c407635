"""Passage reuse, step 3: sentence matches, and from them the shared text of paragraph pairs.

Sentences with the same content are one "class". A class found in two speeches is reused
exactly; two classes that are candidates (reuse_grams.py) are a lightly edited copy when
their distinctive text — the content without the characters of common wording — is at
least `min_chars` long on both sides and the Levenshtein similarity of the two distinctive
texts (rapidfuzz, 1 − edits / longer length) is at least `min_similarity`. Common wording
is thereby not counted against an edited copy nor for it: two sentences that share only a
slogan have different distinctive texts.

A paragraph pair's shared characters are, summed over the sentences of the paragraph, the
longest common subsequence with the best-matching sentence of the other paragraph; taken
in both directions, the smaller sum counts (so a sentence matched twice counts once).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import LCSseq, Levenshtein
from rapidfuzz.process import cpdist

from .reuse_grams import Candidates
from .reuse_text import Place

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class MatchSettings:
    min_chars: int = 10  # distinctive characters a sentence needs to count
    min_similarity: float = 0.75


@dataclass(frozen=True)
class SentenceMatches:
    """Directed matches of sentence classes: class `left[i]` ~ class `right[i]` with `shared[i]`
    characters in common (every match is present in both directions, identity included)."""

    left: Ints
    right: Ints
    shared: Ints


def match_sentences(
    classes: Sequence[str], candidates: Candidates, settings: MatchSettings
) -> SentenceMatches:
    """Identity for every class with enough distinctive text, plus the candidate pairs that
    pass the similarity test, both directions (the pairs scored by rapidfuzz's `cpdist`, in C)."""
    enough = candidates.distinctive_lengths() >= settings.min_chars
    keep = enough[candidates.left] & enough[candidates.right]
    left, right = candidates.left[keep], candidates.right[keep]
    common = np.zeros(0, dtype=np.int64)
    if len(left):
        distinct = candidates.distinctive_texts()
        lefts, rights = left.tolist(), right.tolist()
        cutoff = settings.min_similarity
        scores = cpdist(
            [distinct[a] for a in lefts], [distinct[b] for b in rights],
            scorer=Levenshtein.normalized_similarity, score_cutoff=cutoff, dtype=np.float64,
        )  # fmt: skip
        similar = scores >= cutoff
        left, right = left[similar], right[similar]
        common = cpdist(
            [classes[a] for a in left.tolist()], [classes[b] for b in right.tolist()],
            scorer=LCSseq.similarity, dtype=np.int64,
        ).astype(np.int64)  # fmt: skip
    identity = np.flatnonzero(enough)
    lengths = np.fromiter(map(len, classes), dtype=np.int64, count=len(classes))
    return SentenceMatches(
        np.concatenate((identity, left, right)),
        np.concatenate((identity, right, left)),
        np.concatenate((lengths[identity], common, common)),
    )


@dataclass(frozen=True)
class ParagraphPairs:
    """Pairs of distinct paragraph texts sharing text: `first[i]` ≤ `second[i]` (equal: two
    places with the same text), `shared[i]` characters; and per direction the sentences of
    a paragraph that found a match in the other: `matched[ranges[(a, b)]]` (indices into
    `Sentences`, ascending)."""

    first: Ints
    second: Ints
    shared: Ints
    matched: Ints
    ranges: dict[tuple[int, int], slice]

    def sentences(self, text: int, other: int) -> list[int]:
        where = self.ranges.get((text, other))
        return [] if where is None else self.matched[where].tolist()


def paragraph_pairs(
    matches: SentenceMatches, class_of: Ints, paragraph_of: Ints, class_count: int
) -> ParagraphPairs:
    """From class matches to pairs of paragraph texts. `class_of[s]` and `paragraph_of[s]` give
    the class and paragraph of sentence s (only sentences that have a class: -1 otherwise)."""
    valid = np.flatnonzero(class_of >= 0)
    order = valid[np.argsort(class_of[valid], kind="stable")]
    ptr = np.searchsorted(class_of[order], np.arange(class_count + 1))
    # every sentence of the left class against every sentence of the right class
    left_sentences, pair = _expand(ptr, order, matches.left)
    right_sentences, row = _expand(ptr, order, matches.right[pair])
    left_sentences, pair = left_sentences[row], pair[row]
    shared = matches.shared[pair]
    a, b = paragraph_of[left_sentences], paragraph_of[right_sentences]
    # best match per (paragraph a, paragraph b, sentence of a), then summed per (a, b)
    key = np.lexsort((-shared, left_sentences, b, a))
    a, b, s, shared = a[key], b[key], left_sentences[key], shared[key]
    first_of_group = np.ones(len(a), dtype=bool)
    first_of_group[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1]) | (s[1:] != s[:-1])
    a, b, s, shared = (
        a[first_of_group],
        b[first_of_group],
        s[first_of_group],
        shared[first_of_group],
    )
    if len(a) == 0:
        return ParagraphPairs(a, b, shared, s, {})
    starts = np.flatnonzero(np.concatenate(([True], (a[1:] != a[:-1]) | (b[1:] != b[:-1]))))
    totals = np.add.reduceat(shared, starts)
    pa, pb = a[starts], b[starts]
    ends = np.append(starts[1:], len(s)).tolist()
    ranges = {
        (x, y): slice(lo, hi)
        for x, y, lo, hi in zip(pa.tolist(), pb.tolist(), starts.tolist(), ends, strict=True)
    }
    return _undirected(pa, pb, totals, s, ranges)


def _undirected(
    a: Ints, b: Ints, totals: Ints, matched: Ints, ranges: dict[tuple[int, int], slice]
) -> ParagraphPairs:
    directed = dict(zip(zip(a.tolist(), b.tolist(), strict=True), totals.tolist(), strict=True))
    first, second, shared = [], [], []
    for (x, y), total in directed.items():
        if x > y:
            continue
        other = directed.get((y, x))
        if other is None:
            continue
        first.append(x)
        second.append(y)
        shared.append(min(total, other))
    return ParagraphPairs(
        np.array(first, dtype=np.int64), np.array(second, dtype=np.int64),
        np.array(shared, dtype=np.int64), matched, ranges,
    )  # fmt: skip


def _expand(ptr: Ints, values: Ints, rows: Ints) -> tuple[Ints, Ints]:
    """For each i, every value of CSR row `rows[i]`; returns (the values, their i)."""
    counts = ptr[rows + 1] - ptr[rows]
    index = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    offset = np.arange(len(index), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    picked = values[ptr[rows][index] + offset]
    return picked, index


def partners_of(
    pairs: ParagraphPairs, places: Sequence[Sequence[Place]], content: Sequence[int]
) -> dict[int, dict[int, int]]:
    """text → partner text → shared characters; a text is its own partner when it stands in
    two speeches (an exact copy: all its content is shared, short sentences too)."""
    partners: dict[int, dict[int, int]] = {}
    for a, b, shared in zip(
        pairs.first.tolist(), pairs.second.tolist(), pairs.shared.tolist(), strict=True
    ):
        if a == b:
            if len({s for s, _ in places[a]}) < 2:
                continue
            shared = content[a]
        partners.setdefault(a, {})[b] = shared
        partners.setdefault(b, {})[a] = shared
    return partners

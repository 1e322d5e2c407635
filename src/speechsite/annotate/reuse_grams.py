"""Passage reuse, step 2: candidate sentence pairs from an index of character k-grams.

The input is the distinct sentences of the corpus (content only, see reuse_text.py), each
with the speeches it occurs in. Every k-gram (k consecutive content characters) is hashed
(a polynomial hash, 40 bits kept: a collision only adds a candidate that alignment rejects).

Common wording. A k-gram found in more speeches than `common_limit(n)` — 5 % of the
speeches, at least 8 — is formulaic (同志们, 谢谢大家, the slogan of the year, the set phrases
of a report): it never makes two sentences candidates, and the characters it covers are
left out when sentences are compared (reuse.py). A passage repeated in more speeches than
that is itself common wording.

Candidates. Two sentences are a candidate pair when they share at least `min_seeds`
distinct k-grams that are not common. A k-gram in g sentences yields g·(g-1)/2 pairs;
g is bounded by the common limit, so heavily repeated text cannot make the pairs explode.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .reuse_text import ClassSpeeches

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

CLASS_BITS = 24  # sentence ids below 16.7 million
HASH_BITS = 64 - CLASS_BITS
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xBF58476D1CE4E5B9)


@dataclass(frozen=True)
class GramSettings:
    k: int = 6
    min_seeds: int = 2
    common_fraction: float = 0.05
    common_minimum: int = 8

    def common_limit(self, speeches: int) -> int:
        """A k-gram in more speeches than this is common wording."""
        return max(self.common_minimum, int(self.common_fraction * speeches))


@dataclass(frozen=True)
class Candidates:
    """Pairs (left[i], right[i]), left < right, of sentence ids; `common` marks, for every
    character of the concatenated sentences, whether a common k-gram covers it."""

    left: Ints
    right: Ints
    common: Bools
    starts: Ints  # sentence i is characters starts[i]:starts[i+1] of `common`
    distinct: npt.NDArray[np.uint32]  # the code points not covered, sentence after sentence
    distinct_starts: Ints

    def distinctive_text(self, sentence: int) -> str:
        """A sentence's content without the characters that common k-grams cover."""
        first, last = self.distinct_starts[sentence], self.distinct_starts[sentence + 1]
        return self.distinct[first:last].tobytes().decode("utf-32-le")

    def distinctive_texts(self) -> list[str]:
        """Every sentence's distinctive text (one decoding: a code point is one character)."""
        joined = self.distinct.tobytes().decode("utf-32-le")
        bounds = self.distinct_starts.tolist()
        return [joined[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]

    def distinctive_lengths(self) -> Ints:
        return np.diff(self.distinct_starts)


def find_candidates(
    sentences: Sequence[str],
    speeches_of: ClassSpeeches,
    speech_count: int,
    settings: GramSettings,
) -> Candidates:
    """Candidate pairs among `sentences`; `speeches_of` gives the speeches each one is in."""
    if len(sentences) >= 1 << CLASS_BITS:
        raise ValueError(f"too many distinct sentences for the reuse index: {len(sentences)}")
    lengths = np.fromiter(map(len, sentences), dtype=np.int64, count=len(sentences))
    starts = np.concatenate(([0], np.cumsum(lengths)))
    codes = np.frombuffer("".join(sentences).encode("utf-32-le"), dtype=np.uint32)
    at, owner, hashes = _gram_hashes(codes, lengths, settings.k)
    keys = _sorted_unique((hashes << np.uint64(CLASS_BITS)) | owner.astype(np.uint64))
    del owner  # arrays let go once used: passage reuse is the build process's peak
    grams = keys >> np.uint64(CLASS_BITS)
    members = (keys & np.uint64((1 << CLASS_BITS) - 1)).astype(np.int64)
    del keys
    bounds = np.flatnonzero(np.diff(grams)) + 1
    group_start = np.concatenate(([0], bounds))
    group_size = np.diff(np.append(group_start, len(grams)))

    limit = settings.common_limit(speech_count)
    common_group = _common_groups(members, group_start, speeches_of, limit)
    common_grams = grams[group_start[common_group]]
    covered = _covered(at, _member(hashes, common_grams), settings.k, len(codes))

    usable = ~common_group & (group_size >= 2)
    left, right = _pairs(members, group_start[usable], group_size[usable])
    left, right = _enough_seeds(left, right, settings.min_seeds)
    kept = np.concatenate(([0], np.cumsum(~covered, dtype=np.int64)))
    return Candidates(left, right, covered, starts, codes[~covered], kept[starts])


def _gram_hashes(
    codes: npt.NDArray[np.uint32], lengths: Ints, k: int
) -> tuple[Ints, Ints, npt.NDArray[np.uint64]]:
    """Start position, sentence and 40-bit hash of every k-gram that lies inside a sentence."""
    n = len(codes) - k + 1
    if n <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.uint64)
    values = codes.astype(np.uint64)
    hashes = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):  # in place: fewer arrays of a word per character at once
        for j in range(k):
            hashes *= _MULTIPLIER
            hashes += values[j : j + n]
        del values
        hashes ^= hashes >> np.uint64(31)
        hashes *= _MIX
    left = np.repeat(lengths, lengths)  # characters left in the sentence from each one
    left -= np.arange(len(codes))
    left += np.repeat(np.cumsum(lengths) - lengths, lengths)
    inside = np.flatnonzero(left[:n] >= k)
    del left
    owner = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    return inside, owner[inside], hashes[inside] >> np.uint64(64 - HASH_BITS)


def _common_groups(members: Ints, group_start: Ints, speeches_of: ClassSpeeches, limit: int) -> Bools:
    """Whether each k-gram is in more than `limit` speeches. Summing the speeches of its
    sentences over-counts a speech that has it in two sentences, so the k-grams over the
    limit by that sum are counted exactly: a union of their sentences' speech sets, each set
    a bitset (a Python int, one bit per speech)."""
    per_sentence = speeches_of.counts()
    if len(members) == 0:
        return np.zeros(0, dtype=bool)
    common = np.add.reduceat(per_sentence[members], group_start) > limit
    flagged = np.flatnonzero(common)
    if len(flagged) == 0:
        return common
    sizes = np.append(group_start[1:], len(members))[flagged] - group_start[flagged]
    inside = members[_ranges(group_start[flagged], sizes)]
    ordered = np.sort(inside)
    bitsets = _bitsets(speeches_of, ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))])
    position = 0
    listed = inside.tolist()
    for group, size in zip(flagged.tolist(), sizes.tolist(), strict=True):
        union = 0
        for sentence in listed[position : position + size]:
            union |= bitsets[sentence]
        position += size
        common[group] = union.bit_count() > limit
    return common


def _ranges(starts: Ints, sizes: Ints) -> Ints:
    """The indices starts[i] … starts[i] + sizes[i] - 1, for every i in turn."""
    offsets = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.repeat(starts, sizes) + offsets


def _bitsets(speeches_of: ClassSpeeches, sentences: Ints, chunk: int = 1024) -> dict[int, int]:
    """Each sentence's speeches as a bitset, made `chunk` sentences at a time (a bit matrix of
    `chunk` rows by the speeches)."""
    width = int(speeches_of.speeches.max()) + 1 if len(speeches_of.speeches) else 1
    counts = speeches_of.counts()
    found: dict[int, int] = {}
    for first in range(0, len(sentences), chunk):
        part = sentences[first : first + chunk]
        matrix = np.zeros((len(part), width), dtype=bool)
        row = np.repeat(np.arange(len(part), dtype=np.int64), counts[part])
        matrix[row, speeches_of.speeches[_ranges(speeches_of.start[part], counts[part])]] = True
        packed = np.packbits(matrix, axis=1, bitorder="little")
        for i, sentence in enumerate(part.tolist()):
            found[sentence] = int.from_bytes(packed[i].tobytes(), "little")
    return found


def _sorted_unique(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """np.unique without its hash table (sorting is faster for these sizes)."""
    values = np.sort(values)
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]


def _member(values: npt.NDArray[np.uint64], sorted_set: npt.NDArray[np.uint64]) -> Bools:
    """Whether each value is in `sorted_set`: a bitmap of the low bits first, so only the few
    values that may be in the set are looked up."""
    result = np.zeros(len(values), dtype=bool)
    if len(sorted_set) == 0:
        return result
    low = np.uint64((1 << 24) - 1)
    bitmap = np.zeros(1 << 24, dtype=bool)
    bitmap[(sorted_set & low).astype(np.int64)] = True
    maybe = np.flatnonzero(bitmap[(values & low).view(np.int64)])  # below 2^24: the same numbers
    found = np.minimum(np.searchsorted(sorted_set, values[maybe]), len(sorted_set) - 1)
    result[maybe] = sorted_set[found] == values[maybe]
    return result


def _covered(at: Ints, is_common: Bools, k: int, size: int) -> Bools:
    """Characters covered by at least one common k-gram."""
    starts = at[is_common]
    delta = np.bincount(starts, minlength=size + k) - np.bincount(starts + k, minlength=size + k)
    return np.cumsum(delta)[:size] > 0


def _pairs(members: Ints, group_start: Ints, group_size: Ints) -> tuple[Ints, Ints]:
    """Every pair of sentences within each group (members of a group are ascending)."""
    lefts, rights = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for size in np.unique(group_size).tolist():
        first = group_start[group_size == size]
        block = members[first[:, None] + np.arange(size)]
        i, j = np.triu_indices(size, 1)
        lefts.append(block[:, i].ravel())
        rights.append(block[:, j].ravel())
    return np.concatenate(lefts), np.concatenate(rights)


def _enough_seeds(left: Ints, right: Ints, min_seeds: int) -> tuple[Ints, Ints]:
    keys = np.sort((left << CLASS_BITS) | right)
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    counts = np.diff(np.append(starts, len(keys)))
    keys = keys[starts[counts >= min_seeds]]
    return keys >> CLASS_BITS, keys & ((1 << CLASS_BITS) - 1)

"""Passage reuse between whole speeches, for the comparison view and the corpus page.

A speech pair shares text when any of their paragraphs do (reuse.py). Its shared characters
are, for each side, the sum over that side's paragraphs of the most it shares with one
paragraph of the other side; the smaller sum counts. Its share is that divided by the
content characters of the shorter speech (1 = the shorter one is copied whole).

Comparisons are offered for each speech's `partners_per_speech` partners that share the most
text, and for the pairs with the highest share: a passage copied into many speeches would
otherwise give every copy hundreds of comparisons. The totals are counted over every
paragraph pair with numpy, in bounded memory (reuse_pairs.py).
The most reused passages are paragraph texts ranked by the number of speeches holding them
or an edited copy.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from .reuse import Reuse
from .reuse_pairs import CHUNK_ROWS, Links, Listing, Places, pair_listings, pair_totals

Ints = npt.NDArray[np.int64]
PARTNERS_PER_SPEECH = 5
TOP_PAIRS = 50


@dataclass(frozen=True)
class SpeechPair:
    """Two speeches sharing text; `first` is the earlier. `paragraphs` holds the paragraph
    pairs (first's id, second's id, shared characters) in the first speech's order."""

    first: str
    second: str
    shared_chars: int
    share: float
    paragraphs: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class Passage:
    """A paragraph text found in `speeches` speeches (with edited copies); `speech` and
    `paragraph` name its earliest place."""

    speech: str
    paragraph: str
    text: str
    speeches: int


@dataclass(frozen=True)
class SpeechReuse:
    """Speech pairs sharing text: how many (`pair_count`), the pairs offered for comparison
    (`pairs`, keyed (first, second)), which of them each speech offers (`partners`, most
    shared first) and the pairs with the highest share (`top`, highest first)."""

    pair_count: int
    pairs: dict[tuple[str, str], SpeechPair]
    partners: dict[str, tuple[str, ...]]
    top: tuple[SpeechPair, ...]
    content_chars: dict[str, int]

    def pair(self, a: str, b: str) -> SpeechPair | None:
        return self.pairs.get((a, b)) or self.pairs.get((b, a))


def speech_reuse(
    reuse: Reuse, partners_per_speech: int = PARTNERS_PER_SPEECH, top: int = TOP_PAIRS
) -> SpeechReuse:
    counted = count_pairs(reuse)
    partners = counted.partners(partners_per_speech)
    wanted = {(min(a, b), max(a, b)) for a, others in partners.items() for b in others}
    ranked = counted.ranked(top)
    listed = counted.listed(wanted | set(ranked))
    keys = [speech.key for speech in reuse.speeches]
    return assemble(
        keys,
        len(counted.first),
        {(keys[a], keys[b]): SpeechPair(keys[a], keys[b], *counted.total(a, b), paragraphs) for (a, b), paragraphs in listed.items()},
        {keys[a]: [keys[b] for b in others] for a, others in partners.items()},
        [(keys[a], keys[b]) for a, b in ranked],
        {key: int(counted.content[i]) for i, key in enumerate(keys)},
    )


@dataclass(frozen=True)
class PairCount:
    """Every speech pair's totals as arrays sorted by pair: `first[i]` < `second[i]` (speech
    indices) share `shared[i]` characters, `share[i]` of the shorter one; and what listing
    their paragraph pairs takes. Pairs grow with the square of the corpus (2.5 million at
    10,000 generated speeches): ranking them stays in numpy, and the dictionary of all of
    them (`totals`) is made only for the summary kept under serve."""

    reuse: Reuse
    places: Places
    links: Links
    chunk_rows: int
    first: Ints
    second: Ints
    shared: Ints
    share: npt.NDArray[Any]
    content: npt.NDArray[Any]  # content characters per speech

    @cached_property
    def totals(self) -> dict[tuple[int, int], tuple[int, float]]:
        """`(a, b)` → (shared characters, share), a < b, for every pair."""
        pairs = zip(self.first.tolist(), self.second.tolist(), strict=True)
        return dict(zip(pairs, zip(self.shared.tolist(), self.share.tolist(), strict=True), strict=True))

    @cached_property
    def _keys(self) -> Ints:
        return self.first * len(self.reuse.speeches) + self.second  # ascending: pairs are sorted

    def total(self, a: int, b: int) -> tuple[int, float]:
        """The totals of the pair a < b (which shares text)."""
        i = int(np.searchsorted(self._keys, a * len(self.reuse.speeches) + b))
        return int(self.shared[i]), float(self.share[i])

    def listed(self, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], Listing]:
        return pair_listings(self.reuse, self.places, self.links, wanted, self.chunk_rows)

    def partners(self, limit: int) -> dict[int, list[int]]:
        """Per speech, the `limit` others it shares the most with (ties: the earlier index)."""
        # both directions of 2.5 million pairs at 10,000 generated speeches: speech numbers
        # as int32 keep the arrays of the sort half as big
        speech = np.concatenate((self.first, self.second)).astype(np.int32)
        other = np.concatenate((self.second, self.first)).astype(np.int32)
        order = np.lexsort((other, -np.concatenate((self.shared, self.shared)), speech))
        speech, other = speech[order], other[order]
        del order
        starts = np.flatnonzero(np.concatenate(([True], speech[1:] != speech[:-1])))
        rank = np.arange(len(speech)) - np.repeat(starts, np.diff(np.append(starts, len(speech))))
        chosen: dict[int, list[int]] = defaultdict(list)
        for a, b in zip(speech[rank < limit].tolist(), other[rank < limit].tolist(), strict=True):
            chosen[a].append(b)
        return dict(chosen)

    def ranked(self, top: int) -> list[tuple[int, int]]:
        """The `top` pairs with the highest share, then the most shared characters, then by pair."""
        order = np.lexsort((self.second, self.first, -self.shared, -self.share))[:top]
        return list(zip(self.first[order].tolist(), self.second[order].tolist(), strict=True))


def count_pairs(reuse: Reuse, chunk_rows: int = CHUNK_ROWS) -> PairCount:
    """Every pair's totals, the place pairs behind them made `chunk_rows` at a time."""
    places = Places.of(reuse)
    content = np.bincount(places.speech, weights=places.content, minlength=len(reuse.speeches))
    links = Links.of(reuse, places)
    first, second, shared = pair_totals(places, links, len(reuse.speeches), chunk_rows)
    smaller = np.minimum(content[first], content[second])
    share = np.round(np.minimum(1.0, shared / np.maximum(smaller, 1)), 3)
    return PairCount(reuse, places, links, chunk_rows, first, second, shared, share, content)


def assemble(
    keys: list[str],
    pair_count: int,
    listed: dict[tuple[str, str], SpeechPair],
    partners: dict[str, list[str]],
    ranked: list[tuple[str, str]],
    content: dict[str, int],
) -> SpeechReuse:
    """The summary in a canonical order (speeches earliest first), whatever order its parts
    were found in: a summary kept up to date under serve (reuse_speeches_cache.py) then equals
    one made from scratch, dictionaries' order included."""
    order = {key: i for i, key in enumerate(keys)}
    pairs = {pair: listed[pair] for pair in sorted(listed, key=lambda pair: (order[pair[0]], order[pair[1]]))}
    return SpeechReuse(
        pair_count,
        pairs,
        {key: tuple(partners[key]) for key in keys if key in partners},
        tuple(pairs[pair] for pair in ranked),
        content,
    )


def most_reused(reuse: Reuse, limit: int = 30) -> list[Passage]:
    """The paragraph texts held by the most speeches; an edited copy of a listed one is not
    listed again."""
    ranked = sorted(reuse.reach, key=lambda t: (-len(reuse.reach[t]), reuse.places[t][0], t))
    chosen: list[Passage] = []
    covered: set[int] = set()
    for text in ranked:
        if len(chosen) == limit:
            break
        if text in covered:
            continue
        covered.update(reuse.partners.get(text, {}))
        s, p = reuse.places[text][0]
        speech = reuse.speeches[s]
        passage = Passage(speech.key, speech.paragraphs[p][0], reuse.texts[text], len(reuse.reach[text]))
        chosen.append(passage)
    return chosen

"""Reuse between whole speeches (reuse_speeches.py) kept up to date across `mkdocs serve`
rebuilds: after an edit only the speech pairs that involve a changed speech are counted again.

A speech pair's totals, listing and orientation are a function of the two speeches'
paragraphs, of the paragraph-text pairs between them (`Reuse.partners`, a function of the
two texts) and of which of the two is earlier. So after an edit the pairs to count again are
those involving a "dirty" speech: one added, removed or with other paragraphs, plus, for
every paragraph-text pair whose shared characters changed (a text that now stands in only one
speech is no longer its own partner …), every holder of one of its two texts (the side with
fewer holders not yet dirty). When the order of the other speeches changed (a date edited)
everything is counted again.

The rest follows exactly: each speech's partners are ranked again only when a changed pair
could enter or leave its list; the pairs with the highest share are kept as a prefix of the
ranking of all pairs (`reserve` long), from which the pairs not involving a dirty speech stay
valid; when fewer than `top` remain the ranking is made again from every pair. The result is
always what `speech_reuse` gives from scratch (tests/test_reuse_incremental.py checks it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from .reuse import Reuse
from .reuse_speeches import (
    PARTNERS_PER_SPEECH,
    TOP_PAIRS,
    Listing,
    SpeechPair,
    SpeechReuse,
    assemble,
    count_pairs,
)

Pair = tuple[str, str]  # (earlier speech, later speech)
Totals = tuple[int, float]  # shared characters, share of the shorter speech


@dataclass
class SpeechReuseCache:
    """The last summary's parts by speech key. Mutable on purpose: it lives as long as a serve
    session (in `pipeline.Caches`); a lock keeps the static files' thread from updating it
    while a page does."""

    partners_per_speech: int = PARTNERS_PER_SPEECH
    top: int = TOP_PAIRS
    reserve: int = 8 * TOP_PAIRS
    full_updates: int = 0  # how often everything was counted again (tests read it)
    last_dirty: int = 0  # speeches counted again in the last partial update
    _reuse: Reuse | None = None
    _result: SpeechReuse | None = None
    _index: dict[str, int] = field(default_factory=dict)  # speech order of the current summary
    _adjacent: dict[str, dict[str, Totals]] = field(default_factory=dict)
    _content: dict[str, int] = field(default_factory=dict)
    _partners: dict[str, list[str]] = field(default_factory=dict)
    _ranked: list[Pair] = field(default_factory=list)  # a prefix of the ranking of all pairs
    _complete: bool = True  # _ranked holds every pair
    _listed: dict[Pair, SpeechPair] = field(default_factory=dict)  # the pairs the summary lists
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def update(self, reuse: Reuse) -> SpeechReuse:
        """The summary of `reuse`, counting again only what changed since the last call."""
        with self._lock:
            if reuse is self._reuse and self._result is not None:
                return self._result
            dirty = None if self._reuse is None else _dirty_speeches(self._reuse, reuse)
            self._index = {speech.key: i for i, speech in enumerate(reuse.speeches)}
            if dirty is None or len(dirty) * 4 > len(reuse.speeches):
                self._full(reuse)
            else:
                self._partial(reuse, dirty)
            self._reuse = reuse
            self._result = self._summary(reuse)
            return self._result

    def _full(self, reuse: Reuse) -> None:
        self.full_updates += 1
        counted = count_pairs(reuse)
        keys = [speech.key for speech in reuse.speeches]
        self._adjacent = {key: {} for key in keys}
        for (a, b), value in counted.totals.items():
            self._adjacent[keys[a]][keys[b]] = self._adjacent[keys[b]][keys[a]] = value
        self._content = {key: int(counted.content[i]) for i, key in enumerate(keys)}
        self._partners = {keys[a]: [keys[b] for b in others] for a, others in counted.partners(self.partners_per_speech).items()}
        self._ranked = sorted(_all_pairs(self._adjacent, self._index), key=self._rank)
        self._complete = len(self._ranked) <= self.reserve
        self._ranked = self._ranked[: self.reserve]
        wanted = {(self._index[a], self._index[b]) for a, b in self._wanted()}
        self._listed = {
            (keys[a], keys[b]): SpeechPair(keys[a], keys[b], *counted.totals[(a, b)], listing)
            for (a, b), listing in counted.listed(wanted).items()
        }

    def _partial(self, reuse: Reuse, dirty: set[str]) -> None:
        self.last_dirty = len(dirty)
        before = {key: set(self._adjacent.get(key, {})) for key in dirty}
        for key in dirty:  # forget the dirty speeches' pairs
            for other in self._adjacent.pop(key, {}):
                if other not in dirty:
                    del self._adjacent[other][key]
            self._content.pop(key, None)
            self._partners.pop(key, None)
        live = [key for key in dirty if key in self._index]
        for key in live:
            self._content[key] = _content(reuse, self._index[key])
            self._adjacent[key] = {}
        rows = _rows_touching(reuse, {self._index[key] for key in live})
        totals = self._totals(rows)
        for (a, b), value in totals.items():
            self._adjacent[a][b] = self._adjacent[b][a] = value
        self._rerank_partners(dirty, before)
        self._rerank_pairs(dirty, list(totals))
        wanted = self._wanted()
        self._listed = {
            pair: made for pair, made in self._listed.items()
            if pair in wanted and pair[0] not in dirty and pair[1] not in dirty
        }  # fmt: skip
        for pair in wanted - self._listed.keys():
            listing = _listing(reuse, self._index, pair, rows.get(pair))
            self._listed[pair] = SpeechPair(*pair, *self._adjacent[pair[0]][pair[1]], listing)

    def _totals(self, rows: dict[Pair, dict[tuple[int, int], int]]) -> dict[Pair, Totals]:
        """Shared characters and share of each pair in `rows`, computed as reuse_speeches does
        (the same numpy rounding)."""
        pairs = list(rows)
        shared = np.array([_shared(rows[pair]) for pair in pairs], dtype=np.int64)
        smaller = np.array(
            [min(float(self._content[a]), float(self._content[b])) for a, b in pairs], dtype=np.float64
        )
        share = np.round(np.minimum(1.0, shared / np.maximum(smaller, 1)), 3)
        return {pair: (n, x) for pair, n, x in zip(pairs, shared.tolist(), share.tolist(), strict=True)}

    def _rerank_partners(self, dirty: set[str], before: dict[str, set[str]]) -> None:
        """Each speech's partners ranked again where a changed pair could change the list."""
        limit, index = self.partners_per_speech, self._index
        touched = {other for key in dirty for other in before.get(key, set()) | self._adjacent.get(key, {}).keys()}
        for key in (touched | dirty) & index.keys():
            listed = self._partners.get(key, [])
            adjacent = self._adjacent[key]
            if key not in dirty and len(listed) == limit and not dirty & set(listed):
                last = (-adjacent[listed[-1]][0], index[listed[-1]])
                if all((-adjacent[d][0], index[d]) > last for d in dirty if d in adjacent):
                    continue  # no changed pair enters the list
            ranked = sorted(adjacent, key=lambda other: (-adjacent[other][0], index[other]))[:limit]
            if ranked:
                self._partners[key] = ranked
            else:
                self._partners.pop(key, None)

    def _rank(self, pair: Pair) -> tuple[float, int, int, int]:
        shared, share = self._adjacent[pair[0]][pair[1]]
        return (-share, -shared, self._index[pair[0]], self._index[pair[1]])

    def _rerank_pairs(self, dirty: set[str], counted: list[Pair]) -> None:
        survivors = [pair for pair in self._ranked if not dirty & set(pair)]
        merged = sorted([*survivors, *counted], key=self._rank)
        if not self._complete:  # beyond the last survivor, pairs not in `_ranked` may belong
            last = self._rank(survivors[-1]) if survivors else None
            merged = [pair for pair in merged if last is not None and self._rank(pair) <= last]
        if len(merged) < min(self.top, self._pair_count()):
            self.full_updates += 1
            merged = sorted(_all_pairs(self._adjacent, self._index), key=self._rank)
            self._complete = True
        self._complete = self._complete and len(merged) <= self.reserve
        self._ranked = merged[: self.reserve]

    def _pair_count(self) -> int:
        return sum(map(len, self._adjacent.values())) // 2

    def _wanted(self) -> set[Pair]:
        """The pairs the summary lists: each speech's partners and the top pairs."""
        wanted = set(self._ranked[: self.top])
        for key, others in self._partners.items():
            for other in others:
                wanted.add((key, other) if self._index[key] < self._index[other] else (other, key))
        return wanted

    def _summary(self, reuse: Reuse) -> SpeechReuse:
        keys = [speech.key for speech in reuse.speeches]
        return assemble(
            keys, self._pair_count(), self._listed, self._partners, self._ranked[: self.top],
            {key: self._content[key] for key in keys},
        )  # fmt: skip


def _shared(rows: dict[tuple[int, int], int]) -> int:
    """The smaller of the two sides' sums of each paragraph's best match."""
    left: dict[int, int] = {}
    right: dict[int, int] = {}
    for (p, q), n in rows.items():
        if n > left.get(p, -1):
            left[p] = n
        if n > right.get(q, -1):
            right[q] = n
    return min(sum(left.values()), sum(right.values()))


def _content(reuse: Reuse, s: int) -> int:
    speech = reuse.speeches[s]
    return sum(reuse.content_chars[reuse.text_of[(speech.key, p)]] for p, _ in speech.paragraphs)


def _rows_touching(reuse: Reuse, speeches: set[int]) -> dict[Pair, dict[tuple[int, int], int]]:
    """Every place pair of every speech pair involving one of `speeches`, by speech pair
    (earlier, later): (paragraph index in the earlier, in the later) → shared characters."""
    rows: dict[Pair, dict[tuple[int, int], int]] = {}
    keys = [speech.key for speech in reuse.speeches]
    for s in speeches:
        speech = reuse.speeches[s]
        for p, (paragraph, _) in enumerate(speech.paragraphs):
            partners = reuse.partners.get(reuse.text_of[(speech.key, paragraph)])
            if not partners:
                continue
            for other, shared in partners.items():
                for t, q in reuse.places[other]:
                    if t == s:
                        continue
                    if s < t:
                        rows.setdefault((keys[s], keys[t]), {})[(p, q)] = shared
                    else:
                        rows.setdefault((keys[t], keys[s]), {})[(q, p)] = shared
    return rows


def _listing(
    reuse: Reuse, index: dict[str, int], pair: Pair, rows: dict[tuple[int, int], int] | None
) -> Listing:
    """The paragraph pairs of a speech pair in the earlier speech's order."""
    if rows is None:
        rows = _rows_touching(reuse, {index[pair[0]]}).get(pair, {})
    first, second = reuse.speeches[index[pair[0]]].paragraphs, reuse.speeches[index[pair[1]]].paragraphs
    return tuple((first[p][0], second[q][0], n) for (p, q), n in sorted(rows.items()))


def _all_pairs(adjacent: dict[str, dict[str, Totals]], index: dict[str, int]) -> Iterable[Pair]:
    for key, others in adjacent.items():
        for other in others:
            if index[key] < index[other]:
                yield key, other


def _dirty_speeches(before: Reuse, now: Reuse) -> set[str] | None:
    """The speeches whose pairs must be counted again, or None when the order of the others
    changed (then every pair is)."""
    old = {speech.key: speech for speech in before.speeches}
    new = {speech.key: speech for speech in now.speeches}
    dirty: set[str] = set(old.keys() ^ new.keys())
    dirty.update(key for key, speech in new.items() if key in old and old[key].paragraphs != speech.paragraphs)
    changed = _text_partners(before).items() ^ _text_partners(now).items()
    holders_before, holders_now = _holders(before), _holders(now)
    for (a, b), _ in changed:
        side_a = (holders_before(a) | holders_now(a)) - dirty
        side_b = (holders_before(b) | holders_now(b)) - dirty
        if side_a and side_b:  # else every pair with the changed text pair is counted again
            dirty.update(side_a if len(side_a) <= len(side_b) else side_b)
    kept_before = [speech.key for speech in before.speeches if speech.key not in dirty]
    kept_now = [speech.key for speech in now.speeches if speech.key not in dirty]
    return dirty if kept_before == kept_now else None


def _text_partners(reuse: Reuse) -> dict[tuple[str, str], int]:
    texts = reuse.texts
    return {(texts[t], texts[o]): n for t, others in reuse.partners.items() for o, n in others.items()}


def _holders(reuse: Reuse) -> Callable[[str], set[str]]:
    """The speeches holding a paragraph text."""
    index = {text: t for t, text in enumerate(reuse.texts)}
    keys = [speech.key for speech in reuse.speeches]

    def holders(text: str) -> set[str]:
        t = index.get(text)
        return set() if t is None else {keys[s] for s, _ in reuse.places[t]}

    return holders

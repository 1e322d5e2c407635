"""Every speech pair sharing text, counted with numpy in bounded memory (for reuse_speeches.py).

A speech pair's shared characters are, for each side, the sum over that side's paragraphs of
the most it shares with one paragraph of the other side; the smaller sum counts. The rows
behind it are place pairs — a paragraph of one speech against a paragraph of another whose
texts are partners (`Reuse.partners`) — and they grow with the square of the corpus where a
passage is copied into many speeches: a generated corpus of 10,000 speeches has 29 million of
them, and made at once with their sort they took 2.7 GB. So they are made `chunk_rows` at a
time: the links (a place and one partner text of its text) are ordered by speech, then place;
a chunk takes whole places, and gives every one of its places' best match per other speech
and their sums per directed speech pair, which are added up over the chunks. Only the pairs
(2.5 million at 10,000 generated speeches) are held whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt

from .reuse import Reuse

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
CHUNK_ROWS = 1 << 18  # place pairs made at once (≈ 10 arrays of 8 bytes each at the peak: 20 MB)
Listing = tuple[tuple[str, str, int], ...]


@dataclass(frozen=True)
class Places:
    """Every paragraph of the corpus as arrays, grouped by paragraph text (CSR)."""

    speech: Ints
    paragraph: Ints
    content: Ints
    by_text: Ints  # place indices, grouped by text
    text_start: Ints  # text t's places are by_text[text_start[t]:text_start[t + 1]]

    @classmethod
    def of(cls, reuse: Reuse) -> Places:
        counts = np.fromiter(map(len, reuse.places), dtype=np.int64, count=len(reuse.places))
        flat = np.array(list(chain.from_iterable(reuse.places)), dtype=np.int64).reshape(-1, 2)
        speech, paragraph = flat[:, 0].copy(), flat[:, 1].copy()
        text = np.repeat(np.arange(len(reuse.places), dtype=np.int64), counts)
        return cls(
            speech,
            paragraph,
            np.array(reuse.content_chars, dtype=np.int64)[text],
            np.argsort(text, kind="stable"),
            np.concatenate(([0], np.cumsum(counts))),
        )


@dataclass(frozen=True)
class Rows:
    """Directed place pairs in different speeches: place `left[i]` shares `shared[i]`
    characters with place `right[i]`."""

    left: Ints
    right: Ints
    shared: Ints
    speech_left: Ints
    speech_right: Ints


@dataclass(frozen=True)
class Links:
    """Each place with each partner text of its text (`other`, sharing `shared` characters),
    grouped by place, places in speech order; `rows` is how many place pairs a link makes
    (the places of `other`)."""

    place: Ints
    other: Ints
    shared: Ints
    rows: Ints

    @classmethod
    def of(cls, reuse: Reuse, places: Places) -> Links:
        triples = [(t, o, n) for t, partners in reuse.partners.items() for o, n in partners.items()]
        t, o, n = (np.array(v, dtype=np.int64) for v in zip(*triples, strict=True)) if triples else (
            np.zeros(0, dtype=np.int64) for _ in range(3)
        )
        place, triple = expand(places.text_start, places.by_text, t)
        # by speech, then place: a chunk then covers a few speeches, and each directed speech
        # pair comes from one chunk (or two), so the chunks' sums are about the pairs' count
        order = np.lexsort((place, places.speech[place]))
        place, other = place[order], o[triple[order]]
        rows = places.text_start[other + 1] - places.text_start[other]
        return cls(place, other, n[triple[order]], rows)

    def chunks(self, chunk_rows: int) -> Iterator[slice]:
        """Consecutive ranges of links holding whole places and at most `chunk_rows` rows (a
        place with more rows makes a chunk of its own)."""
        if not len(self.place):
            return
        ends = np.append(np.flatnonzero(self.place[1:] != self.place[:-1]) + 1, len(self.place))
        rows_at = np.cumsum(self.rows)[ends - 1]  # rows of the places up to each place's end
        place = 0
        while place < len(ends):
            before = int(rows_at[place - 1]) if place else 0
            end = max(int(np.searchsorted(rows_at, before + chunk_rows, side="right")), place + 1)
            yield slice(int(ends[place - 1]) if place else 0, int(ends[end - 1]))
            place = end


def place_pairs(places: Places, links: Links, chunk: slice) -> Rows:
    """The rows of the links in `chunk`."""
    right, link = expand(places.text_start, places.by_text, links.other[chunk])
    left = links.place[chunk][link]
    keep = places.speech[left] != places.speech[right]
    left, right, link = left[keep], right[keep], link[keep]
    return Rows(left, right, links.shared[chunk][link], places.speech[left], places.speech[right])


def expand(ptr: Ints, values: Ints, rows: Ints) -> tuple[Ints, Ints]:
    """For each i, every value of CSR row `rows[i]`; returns (the values, their i)."""
    counts = ptr[rows + 1] - ptr[rows]
    index = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    offset = np.arange(len(index), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return values[ptr[rows][index] + offset], index


def pair_totals(places: Places, links: Links, speeches: int, chunk_rows: int) -> tuple[Ints, Ints, Ints]:
    """Per unordered speech pair (s < t): the smaller of the two directed sums of each
    paragraph's best match, chunk by chunk."""
    pairs, sums = [], []
    for chunk in links.chunks(chunk_rows):
        found = directed_sums(place_pairs(places, links, chunk), speeches, len(places.speech))
        pairs.append(found[0])
        sums.append(found[1])
    pair = np.concatenate(pairs) if pairs else np.zeros(0, dtype=np.int64)
    del pairs
    total = np.concatenate(sums) if sums else np.zeros(0, dtype=np.int64)
    del sums
    # The chunks follow the speeches, each sorted: the pairs come sorted, and a speech's pair
    # repeats only where the speech's places were cut between two chunks.
    if not np.all(pair[1:] > pair[:-1]):
        if not np.all(pair[1:] >= pair[:-1]):
            order = np.argsort(pair)
            pair, total = pair[order], total[order]
            del order
        starts = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1])))
        pair, total = pair[starts], np.add.reduceat(total, starts)
    return undirected(pair, total, speeches)


def directed_sums(rows: Rows, speeches: int, place_count: int) -> tuple[Ints, Ints]:
    """Directed speech pairs (key s * speeches + t, ascending) and the sum over s's places of
    rows of each place's best match in t."""
    if len(rows.left) == 0:
        return rows.left, rows.shared
    # One integer key per (s, t, place), sorted once: much cheaper than sorting by four keys
    # (below 2**63 up to hundreds of thousands of speeches).
    pair = rows.speech_left * speeches + rows.speech_right
    key = pair * place_count + rows.left
    order = np.argsort(key)
    key, pair, shared = key[order], pair[order], rows.shared[order]
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    best, pair = np.maximum.reduceat(shared, starts), pair[starts]  # each place's best match
    starts = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1])))
    return pair[starts], np.add.reduceat(best, starts)


def undirected(pair: Ints, sums: Ints, speeches: int, block: int = 1 << 20) -> tuple[Ints, Ints, Ints]:
    """(s, t, the smaller of the sums of (s, t) and (t, s)) for s < t, from the directed pairs
    (ascending keys; the reverse of each is present, as it is for place pairs); `block` pairs
    at a time, so that only one block's temporary arrays exist at once."""
    parts = []
    for start in range(0, len(pair), block):
        s, t = np.divmod(pair[start : start + block], speeches)
        keep = s < t
        s, t = s[keep], t[keep]
        reverse = sums[np.searchsorted(pair, t * speeches + s)]
        parts.append((s, t, np.minimum(sums[start : start + block][keep], reverse)))
    if not parts:
        return pair, pair, sums
    first, second, shared = (np.concatenate(column) for column in zip(*parts, strict=True))
    return first, second, shared


def pair_listings(
    reuse: Reuse, places: Places, links: Links, wanted: set[tuple[int, int]], chunk_rows: int
) -> dict[tuple[int, int], Listing]:
    """The paragraph pairs of the wanted speech pairs (earlier, later), in the earlier
    speech's order; their rows picked chunk by chunk as arrays, named once at the end."""
    size = len(reuse.speeches)
    keys = np.array(sorted(a * size + b for a, b in wanted), dtype=np.int64)
    picked = []
    for chunk in links.chunks(chunk_rows):
        rows = place_pairs(places, links, chunk)
        pair = rows.speech_left * size + rows.speech_right
        mask = (rows.speech_left < rows.speech_right) & _members(pair, keys)
        picked.append((pair[mask], places.paragraph[rows.left[mask]], places.paragraph[rows.right[mask]],
                       rows.shared[mask]))
    if not picked:
        return {}
    pair, left, right, shared = (np.concatenate(column) for column in zip(*picked, strict=True))
    del picked
    if not len(pair):
        return {}
    order = np.lexsort((right, left, pair))
    pair, left, right, shared = pair[order], left[order], right[order], shared[order]
    starts = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1]))).tolist()
    named: dict[tuple[int, int], Listing] = {}
    for start, end in zip(starts, [*starts[1:], len(pair)], strict=True):
        s, t = divmod(int(pair[start]), size)
        first, second = reuse.speeches[s].paragraphs, reuse.speeches[t].paragraphs
        named[(s, t)] = tuple(
            (first[p][0], second[q][0], n)
            for p, q, n in zip(left[start:end].tolist(), right[start:end].tolist(), shared[start:end].tolist(), strict=True)
        )
    return named


def _members(values: Ints, keys: Ints) -> Bools:
    """Which values are among the ascending `keys`: a binary search each. `np.isin` sorts the
    values with the keys on every call, once per chunk: at 50,000 speeches the listing step
    spent most of its time there."""
    if not len(keys):
        return np.zeros(len(values), dtype=bool)
    found = np.searchsorted(keys, values)
    return keys[np.minimum(found, len(keys) - 1)] == values

"""Two codes of the index files (since format 3), vectorised with numpy; search.js decodes both.

Script text as UTF-16: `site/packing.py` (shared with the reuse scripts), re-exported here.

Characters by frequency rank. Display blocks are JSON text, mostly Chinese: three bytes a
character in UTF-8, which deflate in a 16 KB block barely shrinks. Each character becomes
its rank in a table of the corpus's characters, most frequent first (shipped in the
manifest): ranks below ONE_BYTE take one byte, the next 31 × 256 ranks two bytes
(`ONE_BYTE + high`, low), anything else `ESCAPE` and its code point in three bytes.
Deflate then sees half the bytes and shrinks them better (−26 % at 2,000 speeches).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from ..site.packing import BOM, FLIP, MARK, words_bytes, words_text

__all__ = ["BOM", "FLIP", "MARK", "rank_decode", "rank_encode", "rank_table", "ranks", "words_bytes", "words_text"]

ONE_BYTE = 0xE0
ESCAPE = 0xFF
RANKED = ONE_BYTE + (ESCAPE - ONE_BYTE) * 256  # ranks with a one- or two-byte code
UNICODE = 0x110000


def rank_table(texts: Iterable[str], chunk: int = 256) -> str:
    """The characters of the texts, most frequent first (ties by code point), up to RANKED;
    the texts are taken one at a time, `chunk` of them counted at once."""
    counts = np.zeros(UNICODE, dtype=np.int64)
    batch: list[str] = []
    for text in itertools.chain(texts, [None]):
        if text is not None:
            batch.append(text)
        if batch and (len(batch) == chunk or text is None):
            counts += np.bincount(_code_points("".join(batch)), minlength=UNICODE)
            batch = []
    present = np.flatnonzero(counts)
    order = present[np.lexsort((present, -counts[present]))][:RANKED]
    return "".join(map(chr, order.tolist()))


def ranks(table: str) -> npt.NDArray[np.int32]:
    """Rank of every code point in `table`, -1 for the others (what `rank_encode` takes)."""
    rank = np.full(UNICODE, -1, dtype=np.int32)
    rank[_code_points(table)] = np.arange(len(table), dtype=np.int32)
    return rank


def rank_encode(texts: Sequence[str], rank: npt.NDArray[np.int32]) -> list[bytes]:
    """Each text as bytes of its characters' ranks (`ranks(table)`; see the module docstring)."""
    codes = _code_points("".join(texts))
    ranked = rank[codes]
    escaped, single = ranked < 0, ranked < ONE_BYTE
    counts = np.where(escaped, 4, np.where(single, 1, 2)).astype(np.int8)
    two = ranked - ONE_BYTE
    rows = np.empty((len(codes), 4), dtype=np.uint8)
    rows[:, 0] = np.where(escaped, ESCAPE, np.where(single, ranked, ONE_BYTE + (two >> 8)))
    rows[:, 1] = np.where(escaped, codes >> 16, two & 0xFF)
    rows[:, 2] = (codes >> 8) & 0xFF
    rows[:, 3] = codes & 0xFF
    stream = rows.ravel()[(np.arange(4, dtype=np.int8) < counts[:, None]).ravel()].tobytes()
    char_ends = np.cumsum([len(text) for text in texts], dtype=np.int64)
    byte_ends = np.cumsum(counts, dtype=np.int64)
    out, at = [], 0
    for end in char_ends:
        stop = int(byte_ends[end - 1]) if end else 0
        out.append(stream[at:stop])
        at = stop
    return out


def rank_decode(data: bytes, table: str) -> str:
    """The text of `rank_encode` (the Python twin of `ranked` in search.js)."""
    out, at = [], 0
    while at < len(data):
        lead = data[at]
        if lead < ONE_BYTE:
            out.append(table[lead])
            at += 1
        elif lead < ESCAPE:
            out.append(table[ONE_BYTE + ((lead - ONE_BYTE) << 8 | data[at + 1])])
            at += 2
        else:
            out.append(chr(int.from_bytes(data[at + 1 : at + 4], "big")))
            at += 4
    return "".join(out)


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)

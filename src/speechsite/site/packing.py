"""Binary data in a script file, as the search index and the reuse scripts ship it; the
browser side is `bytesOf` in search.js.

Script text as UTF-16. An index file is a script holding binary data (deflate output) in a
string. It is written in UTF-16 LE with a byte-order mark, which browsers obey over any
charset a server declares, so two bytes of data become one code unit (base85 needed five
characters for four bytes). The payload's first character is "1" when a padding byte was
added to make the length even, else "0"; then every big-endian 16-bit word w of the data is
one code unit, except the words a JavaScript string cannot hold or that would end it — below
0x23 (controls, `!`, `"`), `\\`, U+2028, U+2029 and surrogates — which are written as `!`
followed by w ^ 0x8000. That costs about 3 % on deflate output.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

BOM = b"\xff\xfe"
MARK = 0x21  # "!": the next code unit is a word XOR 0x8000
FLIP = 0x8000


def deflated_words(data: bytes, level: int = 4) -> bytes:
    """`data` raw-deflated, as a payload string (UTF-16 LE bytes) for a script file."""
    deflate = zlib.compressobj(level, zlib.DEFLATED, -15)
    return words_text([deflate.compress(data) + deflate.flush()])[0]


def words_text(datas: Sequence[bytes]) -> list[bytes]:
    """The payload of each data as UTF-16 LE bytes (no BOM): parity flag, then the words."""
    odd = [len(data) % 2 for data in datas]
    joined = b"".join(data + bytes(pad) for data, pad in zip(datas, odd, strict=True))
    words = np.frombuffer(joined, dtype=">u2").astype(np.uint16)
    bad = (words <= 0x22) | (words == 0x5C) | ((words >> 1) == 0x2028 >> 1)
    bad |= (words >> 11) == 0xD800 >> 11
    ends = np.cumsum(bad.astype(np.int64) + 1)  # after each word's last code unit
    out = np.empty(int(ends[-1]) if len(ends) else 0, dtype="<u2")
    at = ends - 1
    out[at] = np.where(bad, words ^ FLIP, words)
    out[at[bad] - 1] = MARK
    result, word_at, unit_at = [], 0, 0
    for data, pad in zip(datas, odd, strict=True):
        word_end = word_at + (len(data) + pad) // 2
        unit_end = int(ends[word_end - 1]) if word_end else 0
        flag = b"1\x00" if pad else b"0\x00"
        result.append(flag + out[unit_at:unit_end].tobytes())
        word_at, unit_at = word_end, unit_end
    return result


def words_bytes(payload: str) -> bytes:
    """The data of a payload written by `words_text` (the Python twin of `bytesOf` in search.js)."""
    units = np.frombuffer(payload[1:].encode("utf-16-le"), dtype="<u2")
    marked = np.flatnonzero(units == MARK)  # a flipped word is never MARK
    keep = np.ones(len(units), dtype=bool)
    keep[marked] = False
    words = units.astype(np.uint16)
    words[marked + 1] ^= FLIP
    data = words[keep].astype(">u2").tobytes()
    return data[:-1] if payload[:1] == "1" else data

"""Base85 (RFC 1924 alphabet, as Python's `base64.b85encode`), vectorised with numpy.

Index files carry binary data (deflate output) inside a JavaScript string. Base85 writes
4 bytes as 5 ASCII characters (base64: 3 as 4), 6 % smaller, and its alphabet has neither
`"` nor `\\`, so the text needs no escaping in a double-quoted string. `bytesOf` in search.js
decodes it; `base64.b85decode` does in Python.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

ALPHABET = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~"


def b85encode(data: bytes) -> str:
    """Equal to `base64.b85encode(data).decode()` (no padding), much faster on large data."""
    return b85encode_all([data])[0]


def b85encode_all(datas: Sequence[bytes]) -> list[str]:
    """`b85encode` of each, computed in one pass (numpy calls cost more than small data)."""
    pads = [-len(data) % 4 for data in datas]
    words = np.frombuffer(
        b"".join(data + bytes(pad) for data, pad in zip(datas, pads, strict=True)), dtype=">u4"
    ).astype(np.uint32)
    digits = np.empty((len(words), 5), dtype=np.uint8)
    for k in range(4, -1, -1):
        words, digits[:, k] = np.divmod(words, 85)
    text = np.frombuffer(ALPHABET, dtype=np.uint8)[digits].tobytes().decode("ascii")
    out, at = [], 0
    for data, pad in zip(datas, pads, strict=True):
        size = (len(data) + pad) // 4 * 5
        out.append(text[at : at + size - pad])
        at += size
    return out

"""Base85 (RFC 1924 alphabet, as Python's `base64.b85encode`), vectorised with numpy.

Index files carry binary data (deflate output) inside a JavaScript string. Base85 writes
4 bytes as 5 ASCII characters (base64: 3 as 4), 6 % smaller, and its alphabet has neither
`"` nor `\\`, so the text needs no escaping in a double-quoted string. `bytesOf` in search.js
decodes it; `base64.b85decode` does in Python.
"""

from __future__ import annotations

import numpy as np

ALPHABET = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~"


def b85encode(data: bytes) -> str:
    """Equal to `base64.b85encode(data).decode()` (no padding), much faster on large data."""
    pad = -len(data) % 4
    words = np.frombuffer(data + bytes(pad), dtype=">u4").astype(np.int64)
    digits = np.empty((len(words), 5), dtype=np.uint8)
    for k in range(4, -1, -1):
        digits[:, k] = words % 85
        words //= 85
    text = np.frombuffer(ALPHABET, dtype=np.uint8)[digits].tobytes()
    return text[: len(text) - pad].decode("ascii")

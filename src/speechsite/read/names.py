"""Readable names for files whose names are not UTF-8.

A zip made on Chinese Windows stores file names in GBK; unpacked on Linux, the names are
those GBK bytes, which Python hands over as text with lone surrogates ("\\udcb0"). Such a
string cannot be written to a page or a JSON file. The readable name is the GB18030 (a
superset of GBK) or Big5 decoding of the bytes; when neither fits, the bytes that are not
UTF-8 are shown as `\\xNN` escapes, which is lossless. The name on disk is kept only to
open the file.
"""

from __future__ import annotations

import os


def readable(name: str) -> str:
    """A name that can be shown and written anywhere; `name` itself when it is UTF-8."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    raw = os.fsencode(name)
    for encoding in ("gb18030", "big5"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="backslashreplace")


def escaped(name: str) -> str:
    """The lossless form: bytes that are not UTF-8 as `\\xNN` (used when two readable names
    would be the same)."""
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def readable_path(parts: tuple[str, ...]) -> str:
    return "/".join(readable(part) for part in parts)

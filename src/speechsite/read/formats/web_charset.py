"""The character set of a web page: BOM, then what the page declares, then detection.

A declared charset is trusted only when the bytes decode with it: pages that say `utf-8`
but were saved as GBK (or the reverse) are common. GB2312 and GBK are read as GB18030, their
superset, so a character outside GB2312 in a `gb2312` page is not lost.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ...errors import SourceError

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "big5": "big5hkscs", "iso-8859-1": "cp1252", "ascii": "utf-8", "us-ascii": "utf-8"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def decode_page(data: bytes, file: str) -> tuple[str, str]:
    """(text, charset used) or SourceError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, file), encoding
    declared = declared_charset(data)
    candidates = ([declared] if declared else []) + ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    raise SourceError(file, None, "cannot decode this web page: the charset is unknown",
                      "open it in a browser and save it again as a web page in UTF-8")


def declared_charset(data: bytes) -> str | None:
    """The charset named in the first 4 KB (a `<meta>` tag or an XML declaration)."""
    match = _DECLARED.search(data[:4096])
    if match is None:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _strict(data: bytes, encoding: str, file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise SourceError(file, None, f"cannot decode this web page: invalid {encoding} bytes "
                          f"at byte {error.start}",
                          "open it in a browser and save it again as a web page in UTF-8") from error

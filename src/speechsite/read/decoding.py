"""Decoding a source's bytes reliably, and normalising its text.

Decoding order: BOMs (UTF-8, UTF-16 LE/BE), strict UTF-8, strict GB18030 (a superset of GBK),
strict Big5 (traditional Chinese), then charset-normalizer as a last resort. A decoding is
accepted only when it yields Chinese text, so a GBK or Big5 file is never shown as mojibake.
"""

from __future__ import annotations

import re
from collections import Counter

from ..errors import SourceError
from ..model import ExtractionRecord

_BINARY_SIGNATURES = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_FOREIGN_SCRIPTS = re.compile(r"[\u0370-\u04ff\u3040-\u30ff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff]")  # not ZWNJ/ZWJ: they join emoji and letters
INVISIBLE_NAMES = {"\u200b": "零宽空格", "\u2060": "字连接符", "\ufeff": "字节顺序标记"}
_LINE_BREAKS = re.compile("[\u2028\u2029\x85]")
DECODE_HINT = "save the file as UTF-8"
DAMAGED_HINT = "retype the damaged characters on this line and save the file as UTF-8"


def decode_bytes(
    data: bytes, file: str, *, allow_empty: bool = False, need_cjk: bool = True
) -> tuple[str, str]:
    """Return (text, encoding name) or raise SourceError. Line ends and spaces are normalised;
    zero-width characters stay in, for the caller to drop and record (`drop_invisible`)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(_strict(data[3:], "utf-8", file, skipped=3), "utf-8-sig", file,
                        allow_empty)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(_strict(data, "utf-16", file), "utf-16", file, allow_empty)
    if data.startswith(_BINARY_SIGNATURES):
        raise SourceError(file, None, "binary file, not text",
                          "only plain-text speeches (*.txt) belong in the sources folder")
    if b"\x00" in data:
        bomless = _utf16_without_bom(data)
        if bomless is not None:
            return _checked(*bomless, file, allow_empty)
        _refuse_nul(data, file)
    _refuse_broken_utf8(data, file)
    as_gb18030: str | None = None
    for encoding in ("utf-8", "gb18030", "big5"):
        if encoding == "big5" and as_gb18030 is not None and not _FOREIGN_SCRIPTS.search(as_gb18030):
            break  # valid GB18030 without the kana/Cyrillic that Big5 bytes turn into
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or not need_cjk or _looks_chinese(text):
            return _checked(text, encoding, file, allow_empty)
        as_gb18030 = text if encoding == "gb18030" else as_gb18030
    # Valid GB18030 that is not Chinese: any guess would be mojibake (found by tests/test_fuzz.py).
    guessed = None if as_gb18030 is not None and need_cjk else _guess(data)
    if guessed is not None and (not need_cjk or _looks_chinese(guessed[0])):
        return _checked(*guessed, file, allow_empty)
    raise SourceError(file, None, "cannot decode: not UTF-8, UTF-16 or GB18030", DECODE_HINT)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Text saved as UTF-16 without a byte-order mark: every other byte of ASCII is NUL.

    Bytes that are valid UTF-8 are UTF-8 with a stray NUL unless they read as plain ASCII in
    UTF-16: Chinese text in UTF-16 is practically never valid UTF-8, while UTF-8 text holding a
    NUL and Chinese bytes reads as fluent-looking CJK in UTF-16 (found by tests/test_fuzz.py)."""
    if len(data) % 2:
        return None
    valid_utf8 = _is_utf8(data)
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        plausible = text.isascii() or (not valid_utf8 and _looks_chinese(text))
        if plausible and not _CONTROL.search(text):
            return text, encoding
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def normalise(text: str) -> str:
    """LF line ends, plain spaces for no-break/ideographic spaces, no zero-width characters."""
    return _ZERO_WIDTH.sub("", normalise_spaces(text))


def normalise_spaces(text: str) -> str:
    """LF line ends and plain spaces for no-break/ideographic spaces; zero-width characters
    stay, for `drop_invisible` to take out and record."""
    # Two scans in C beat one scan calling back into Python for each match (measured 2×).
    text = _LINE_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _SPACES.sub(" ", text)


def drop_invisible(text: str) -> tuple[str, tuple[ExtractionRecord, ...]]:
    """The text without zero-width spaces, word joiners and byte-order marks (scrapers and
    copy protection scatter them between characters; they would split words for search), and
    one record per line saying what was taken out, so the removal is shown, never silent."""
    if not _ZERO_WIDTH.search(text):
        return text, ()
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        found = _ZERO_WIDTH.findall(line)
        if found:
            counts = Counter(found)
            note = "、".join(f"{INVISIBLE_NAMES[ch]} U+{ord(ch):04X} ×{n}" for ch, n in sorted(counts.items()))
            records.append(ExtractionRecord("invisible", f"第{number}行", "".join(found), line=number, note=note))
    return _ZERO_WIDTH.sub("", text), tuple(records)


def _strict(data: bytes, encoding: str, file: str, skipped: int = 0) -> str:
    """Decode or raise; `skipped` bytes (a BOM) were cut off the front of the file."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise SourceError(file, _line_at(data, error.start, encoding),
                          f"cannot decode: invalid {encoding.upper()} bytes at byte "
                          f"{error.start + skipped}",
                          DAMAGED_HINT) from error


def _line_at(data: bytes, position: int, encoding: str = "utf-8") -> int:
    """The 1-based line (as numbered after `normalise`) on which byte `position` lies."""
    return normalise(data[:position].decode(encoding, errors="replace")).count("\n") + 1


def _refuse_nul(data: bytes, file: str) -> None:
    """NUL bytes: a few in otherwise Chinese text name their line; many mean a binary file."""
    without = data.replace(b"\x00", b"")
    nuls = len(data) - len(without)
    text = without.decode("utf-8", errors="replace")
    if nuls * 100 <= len(data) and "\ufffd" not in text and _looks_chinese(text):
        position = data.index(b"\x00")
        raise SourceError(file, _line_at(data, position), f"NUL byte (code 0) at byte {position}",
                          "delete the invisible character on this line, or export the text again, "
                          "and save the file as UTF-8")
    raise SourceError(file, None, "binary file, not text",
                      "only plain-text speeches (*.txt) belong in the sources folder")


def _refuse_broken_utf8(data: bytes, file: str) -> None:
    """UTF-8 text with a few damaged bytes: name the line rather than guess another encoding
    (GB18030 would read such a file as mojibake)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        if len(_CJK.findall(text)) >= 2 * text.count("\ufffd") and _looks_chinese(text):
            raise SourceError(file, _line_at(data, error.start),
                              f"cannot decode: invalid UTF-8 bytes at byte {error.start}",
                              DAMAGED_HINT) from error


def _checked(text: str, encoding: str, file: str, allow_empty: bool) -> tuple[str, str]:
    if len(_CONTROL.findall(text[:4096])) > 8:
        raise SourceError(file, None, "binary file, not text",
                          "only plain-text speeches (*.txt) belong in the sources folder")
    text = normalise_spaces(text)
    if not allow_empty and not normalise(text).strip():
        raise SourceError(file, None, "empty file: no text to publish",
                          "write the speech into the file or delete it")
    return text, encoding


def _looks_chinese(text: str) -> bool:
    sample = text[:20000]
    letters = sum(1 for char in sample if not char.isspace() and not char.isascii())
    foreign = len(_FOREIGN_SCRIPTS.findall(sample))  # GB18030 read of Big5 bytes: kana, Cyrillic
    return letters > 0 and len(_CJK.findall(sample)) >= 0.5 * letters and foreign * 100 <= letters


def _guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # slow import, only for odd files

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding

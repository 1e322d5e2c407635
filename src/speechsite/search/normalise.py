"""Character normalisation shared by the index and the browser: one character in, one out.

Length-preserving on purpose: a position in the normalised text is the same position in
the original, so the browser can highlight the original characters it matched.

- full-width ASCII forms (Ａ１，) become half-width (A1,), the ideographic space a space;
- Latin capitals become lower case;
- traditional characters become simplified, by OpenCC's character table (TSCharacters,
  shipped with `opencc-python-reimplemented`), first candidate, single characters only.

The browser receives the same map (`CharMap.pairs()`) inside the search manifest, so index
text and query are normalised identically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

# Split queries on these, never index across them (mirrored in search.js).
WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)

FULL_WIDTH_FIRST, FULL_WIDTH_LAST, FULL_WIDTH_OFFSET = 0xFF01, 0xFF5E, 0xFEE0
IDEOGRAPHIC_SPACE = "\u3000"


@dataclass(frozen=True)
class CharMap:
    """code point → code point, only for characters that change."""

    table: dict[int, int]

    def normalise(self, text: str) -> str:
        return text.translate(self.table)

    def lookup(self) -> npt.NDArray[np.uint32]:
        """The map as an array indexed by code point (identity where nothing changes)."""
        table = np.arange(0x110000, dtype=np.uint32)
        if self.table:
            table[list(self.table)] = list(self.table.values())
        return table

    def pairs(self) -> tuple[str, str]:
        """(sources, targets): two strings of equal length, sorted by source character."""
        keys = sorted(self.table)
        return "".join(map(chr, keys)), "".join(chr(self.table[k]) for k in keys)


def opencc_characters_file() -> Path:
    import opencc  # build-time only: the browser gets the derived map

    return Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"


def build_char_map(traditional_table: Path | None = None) -> CharMap:
    table: dict[int, int] = {}
    for code in range(FULL_WIDTH_FIRST, FULL_WIDTH_LAST + 1):
        table[code] = code - FULL_WIDTH_OFFSET
    table[ord(IDEOGRAPHIC_SPACE)] = ord(" ")
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = code + 32
    path = traditional_table or opencc_characters_file()
    table.update(_single_characters(path))
    return CharMap(_resolved(table))


def _single_characters(path: Path) -> dict[int, int]:
    pairs: dict[int, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        first = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(first) == 1 and source != first:
            pairs[ord(source)] = ord(first)
    return pairs


def _resolved(table: dict[int, int]) -> dict[int, int]:
    """Follow chains (Ａ→A→a) so that normalising twice changes nothing."""
    resolved: dict[int, int] = {}
    for source in table:
        target, seen = table[source], {source}
        while target in table and target not in seen:
            seen.add(target)
            target = table[target]
        if target != source:
            resolved[source] = target
    return resolved

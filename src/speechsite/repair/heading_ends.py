"""Where a heading run into its section's text ends when nothing marks the end.

`一、要正确把握维稳形势发展是硬道理，稳定是硬任务。…`: the lines were joined with nothing, and
neither punctuation nor a set opening word (去年， 面对…， see `runin.BODY_START`) tells where the
heading stops. The document itself does: pairs of characters that end a clause elsewhere in it
(形势，) and pairs that open one (发展是…) are counted, and the heading ends where a clause-final
pair meets a clause-initial one that rarely stand together anywhere else (势发; 推进平安 is a
phrase the text repeats, so no end falls inside it). Parallel headings are written alike: the
closer to the length of the siblings whose end the text does mark, the likelier the end (with
no such sibling, the nearer the heading's start); a first sentence as long as such a sibling is
the heading itself and stays whole. This is tried only for a kind of heading that runs into its
text in this document (most of its first sentences too long for a heading), never inside a
quotation or before 的/是/和…, and the cut is recorded as a guess naming the pairs it used.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

_CLAUSE_MARKS = frozenset("，。、；：！？,;:!?（）()“”《》「」")
_JOINABLE = re.compile(r"[\u4e00-\u9fff”》][\u4e00-\u9fff“《]")  # a cut between two such characters
_NO_END = frozenset("的地得和与及并把在对为从向将被让使跟同以于其之或")  # a heading never ends on these
_NO_START = frozenset("的地得了着过和与及等之是们性化者所")  # … nor does its text start with these
_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"))
_LONG = 40  # a first sentence longer than this is no heading on its own
MIN_SCORE = 0.5  # below this the text gives too little evidence: the heading is left whole
_PER_CHARACTER = 0.03  # a heading is short: each character more costs this much score
_SIBLING = 2.0  # score for the exact length of a sibling heading, less the further from it
_MIN_CLAUSE = 4  # the text's first clause is no shorter (突出工作|重点， is no end)


@dataclass(frozen=True)
class ClauseWords:
    """Character pairs of one document: before a clause mark, after one, and anywhere."""

    final: Counter[str]
    initial: Counter[str]
    anywhere: Counter[str]
    phrases: Counter[str]  # four characters in a row

    @classmethod
    def of(cls, text: str) -> ClauseWords:
        final: Counter[str] = Counter()
        initial: Counter[str] = Counter()
        for index, char in enumerate(text):
            if char in _CLAUSE_MARKS:
                final[text[index - 2:index]] += index >= 2
                initial[text[index + 1:index + 3]] += 1
        anywhere = Counter(text[i:i + 2] for i in range(len(text) - 1))
        phrases = Counter(text[i:i + 4] for i in range(len(text) - 3))
        return cls(final, initial, anywhere, phrases)

    def boundary(self, text: str, at: int) -> float:
        """How well `at` separates a clause end from a clause start (log odds-like, higher is better)."""
        before, after, across = text[at - 2:at], text[at:at + 2], text[at - 1:at + 1]
        together = (1 + self.anywhere[across]) * max(1, self.phrases[text[at - 2:at + 2]])
        return math.log((1 + self.final[before]) * (1 + self.initial[after]) / together)


def runs_in(first_sentences: list[int]) -> bool:
    """A kind of heading runs into its text when most of its first sentences (lengths after the
    marker) are too long for a heading."""
    return 2 * sum(1 for length in first_sentences if length > _LONG) >= len(first_sentences) > 0


def best_end(text: str, low: int, high: int, words: ClauseWords,
             siblings: tuple[int, ...] = ()) -> tuple[int, float] | None:
    """The likeliest end of a heading starting the line, between `low` and `high`, with its score;
    None when no place scores `MIN_SCORE` or the heading ends at `high` (the first sentence's
    end) as a sibling does. `siblings`: where sibling headings whose end is marked end."""
    if any(abs(high - length) <= _spread(length) for length in siblings):
        return None
    per_character = 0.0 if siblings else _PER_CHARACTER
    high = min(high, 2 * max(siblings) + 10) if siblings else high  # no more than twice as long
    best: tuple[int, float] | None = None
    for at in range(max(low, 2), min(high, len(text) - 1)):
        if not _JOINABLE.match(text, at - 1) or text[at - 1] in _NO_END or text[at] in _NO_START:
            continue
        if any(text.count(a, 0, at) != text.count(b, 0, at) for a, b in _PAIRS):
            continue  # inside a quotation or bracket
        clause_end = next((i for i in range(at, len(text)) if text[i] in _CLAUSE_MARKS), len(text))
        if clause_end - at < _MIN_CLAUSE:
            continue
        score = words.boundary(text, at) - per_character * (at - low) + _likeness(at, siblings)
        if score >= MIN_SCORE and (best is None or score > best[1]):
            best = (at, score)
    return best


def _likeness(at: int, siblings: tuple[int, ...]) -> float:
    """Up to `_SIBLING` for a heading as long as one of its siblings."""
    return max((_SIBLING * math.exp(-0.5 * ((at - length) / _spread(length)) ** 2)
                for length in siblings), default=0.0)


def _spread(length: int) -> float:
    return max(3.0, 0.15 * length)

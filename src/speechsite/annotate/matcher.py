"""Find many literal phrases in Chinese text in one pass, longest first, with vetoing contexts.

Chinese has no word boundaries, so phrases are matched as substrings. All phrases of a
matcher are compiled into ONE regular expression shaped like a trie (`电信(?:网络)?诈骗`
rather than `电信网络诈骗|电信诈骗`): at each position the engine follows a single branch,
so the cost grows with the text, not with the number of phrases, and the greedy optional
groups make the longest phrase win at each position. Scanning is leftmost-longest and
non-overlapping: in 社会治理六项重点工作 the whole phrase wins over 社会治理.

A veto (an "exclude" context) removes every match of the same key that overlaps it:
with key 道路交通安全 vetoed by 水上交通, the 交通安全 in 水上交通安全 does not count.
Veto contexts are found with an overlapping scan, independently of the phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Span = tuple[int, int, str]  # start, end, key


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regex source matching any of `phrases`, preferring the longest at a position."""
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie) if trie else r"(?!)"


def _node_pattern(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = [
        re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        # Greedy optional: the longer continuation is tried first, the shorter is the fallback.
        return f"{body}?" if len(body) == 1 else f"(?:{body})?"
    return body


@dataclass(frozen=True)
class PhraseMatcher:
    """Maps phrases to the keys they evidence (a phrase may evidence several keys)."""

    phrases: Mapping[str, tuple[str, ...]]
    vetoes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _find: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _find_veto: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_find", re.compile(trie_pattern(self.phrases)))
        # Lookahead: a zero-width match at every position, so overlapping contexts are all seen.
        veto = f"(?=({trie_pattern(self.vetoes)}))" if self.vetoes else r"(?!)"
        object.__setattr__(self, "_find_veto", re.compile(veto))

    @classmethod
    def of_keys(cls, keys: Iterable[tuple[str, Iterable[str], Iterable[str]]]) -> PhraseMatcher:
        """The matcher of (key, phrases that evidence it, contexts that veto it) triples: the
        one builder for topics (keywords, exclude) and glossary terms (forms, not_in)."""
        phrases: dict[str, dict[str, None]] = {}
        vetoes: dict[str, dict[str, None]] = {}
        for key, evidence, contexts in keys:
            for phrase in evidence:
                phrases.setdefault(phrase, {})[key] = None
            for context in contexts:
                vetoes.setdefault(context, {})[key] = None
        return cls({p: tuple(k) for p, k in phrases.items()}, {c: tuple(k) for c, k in vetoes.items()})

    def spans(self, text: str) -> list[Span]:
        """(start, end, key) of every phrase occurrence that no veto of its key overlaps."""
        if not self.phrases or not text:
            return []
        found = [
            (match.start(), match.end(), key)
            for match in self._find.finditer(text)
            for key in self.phrases[match.group()]
        ]
        if not found or not self.vetoes:
            return found
        vetoed = self._veto_spans(text)
        if not vetoed:
            return found
        return [span for span in found if not _overlaps_veto(span, vetoed)]

    def _veto_spans(self, text: str) -> dict[str, list[tuple[int, int]]]:
        spans: dict[str, list[tuple[int, int]]] = {}
        for match in self._find_veto.finditer(text):
            longest, start = match.group(1), match.start()
            # Shorter contexts starting here are prefixes of the longest one: count them too.
            for size in range(1, len(longest) + 1):
                for key in self.vetoes.get(longest[:size], ()):
                    spans.setdefault(key, []).append((start, start + size))
        return spans


def _overlaps_veto(span: Span, vetoed: Mapping[str, list[tuple[int, int]]]) -> bool:
    start, end, key = span
    return any(v_start < end and start < v_end for v_start, v_end in vetoed.get(key, ()))

"""Generated pages' Markdown kept between `mkdocs serve` rebuilds, keyed by what each page is
made from, so that an edit to one speech generates again only the pages whose inputs changed.

A page's inputs are a tuple of values (the speech object, its annotations, its reuse entries,
the statistics a topic or term page lists …). They are compared element by element, first
by identity — a speech that did not change is the same object, from the parse cache — then
by equality. Everything every page depends on alike (taxonomy, glossary, site URL) is the
memo's environment: when it changes, every page is made again.

`PageMemo` is owned by the plugin instance, which MkDocs keeps for the whole serve session;
`mkdocs build` has none and makes every page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

Inputs = tuple[object, ...]
T = TypeVar("T")


def same_inputs(before: Inputs, now: Inputs) -> bool:
    """Whether two input tuples are equal, comparing each pair by identity first."""
    return len(before) == len(now) and all(a is b or a == b for a, b in zip(before, now, strict=True))


@dataclass
class SpeechValues:
    """Values made from one speech and its annotations — its share of the corpus statistics —
    kept across serve rebuilds while both are the same objects (an unchanged speech comes from
    the parse cache, its annotations from theirs). Mutable on purpose: it lives as long as a
    serve session."""

    _previous: dict[tuple[str, int], tuple[object, object, object]] = field(default_factory=dict)
    _current: dict[tuple[str, int], tuple[object, object, object]] = field(default_factory=dict)
    made: int = 0  # values made (not kept) in this build

    def begin(self, keep: bool) -> None:
        """A new build: the last build's values are kept (`keep`) or forgotten."""
        self._previous, self._current = (self._current if keep else {}), {}
        self.made = 0

    def get(self, kind: str, speech: object, units: object, make: Callable[[], T]) -> T:
        """The value of `kind` for `speech` with its annotated `units`, made unless kept."""
        key = (kind, id(speech))  # the entry holds the speech: its id cannot have been reused
        entry = self._current.get(key) or self._previous.get(key)
        if entry is None or entry[0] is not speech or entry[1] is not units:
            entry = (speech, units, make())
            self.made += 1
        self._current[key] = entry
        return cast(T, entry[2])


def per_speech(values: SpeechValues | None, kind: str, speech: object, units: object, make: Callable[[], T]) -> T:
    """`make()`, or the kept value of `kind` for this speech and its units (with `values`)."""
    return make() if values is None else values.get(kind, speech, units, make)


@dataclass
class PageMemo:
    """Markdown of generated pages by site path, with the inputs it was made from.
    Mutable on purpose: it lives as long as a serve session."""

    environment: Inputs | None = None
    _previous: dict[str, tuple[Inputs, str]] = field(default_factory=dict)
    _current: dict[str, tuple[Inputs, str]] = field(default_factory=dict)
    made: list[str] = field(default_factory=list)  # paths generated in this build
    reused: int = 0
    speeches: SpeechValues = field(default_factory=SpeechValues)  # each speech's share of the statistics

    def begin(self, environment: Inputs) -> None:
        """A new build in `environment`: what the last build made can be reused unless the
        environment changed; pages the last build did not make are forgotten."""
        same = self.environment is not None and same_inputs(self.environment, environment)
        self._previous, self._current = (self._current if same else {}), {}
        self.speeches.begin(same)
        self.environment = environment
        self.made, self.reused = [], 0

    def page(self, path: str, inputs: Callable[[], Inputs], make: Callable[[], str]) -> str:
        """The page at `path`: the last build's Markdown if its inputs are the same, else made."""
        now = inputs()
        entry = self._previous.get(path)
        if entry is not None and same_inputs(entry[0], now):
            content = entry[1]
            self.reused += 1
        else:
            content = make()
            self.made.append(path)
        self._current[path] = (now, content)
        return content

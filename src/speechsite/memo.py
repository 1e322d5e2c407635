"""Generated pages' Markdown kept between `mkdocs serve` rebuilds, keyed by what each page is
made from, so that an edit to one speech generates again only the pages whose inputs changed.

A page's inputs are a tuple of values (the speech object, its annotations, its reuse entries,
the statistics a topic or term page lists …). They are compared element by element, first
by identity — a speech that did not change is the same object, from the parse cache — then
by equality. Everything every page depends on alike (taxonomy, glossary, site URL) is the
memo's environment: when it changes, every page is made again.

A term's or a topic's page comes in parts (one page split where it grows too large): such a
*group* of files is kept or made as a whole, under the term's or topic's key (`PageMemo.files`).
Values the pages' inputs are made from (a term's tracing) can be kept the same way
(`PageMemo.value`), so that an unchanged one is the same object and compares by identity.

`PageMemo` is owned by the plugin instance, which MkDocs keeps for the whole serve session;
`mkdocs build` has none and makes every page.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar, cast

Inputs = tuple[object, ...]
T = TypeVar("T")


class HasPath(Protocol):
    """A generated file, as far as the memo needs to know it."""

    @property
    def path(self) -> str: ...


F = TypeVar("F", bound=HasPath)


class SameObjects:
    """Items compared by identity alone, for an input whose items' equality would not do: a
    value made from them may hold them (a term's tracing holds the speech objects), so it is
    kept only while they are the very same objects. Holds the items, so their ids stay theirs."""

    __slots__ = ("items",)

    def __init__(self, items: Sequence[object]) -> None:
        self.items = items

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, SameObjects)
            and len(self.items) == len(other.items)
            and all(map(operator.is_, self.items, other.items))
        )

    __hash__ = None  # type: ignore[assignment]


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
class Kept(Generic[T]):
    """Values by key with the inputs each was made from, kept from one build to the next: a
    value is made again only when its inputs differ; keys the last build did not ask for are
    forgotten. Mutable on purpose: it lives as long as a serve session."""

    _previous: dict[object, tuple[Inputs, T]] = field(default_factory=dict)
    _current: dict[object, tuple[Inputs, T]] = field(default_factory=dict)

    def begin(self, keep: bool) -> None:
        """A new build: the last build's values are kept (`keep`) or forgotten."""
        self._previous, self._current = (self._current if keep else {}), {}

    def get(self, key: object, now: Inputs, make: Callable[[], T]) -> tuple[T, bool]:
        """The value under `key` made from inputs `now`, and whether it was made (not kept)."""
        entry = self._current.get(key) or self._previous.get(key)
        made = entry is None or not same_inputs(entry[0], now)
        value = make() if made else cast(tuple[Inputs, T], entry)[1]
        self._current[key] = (now, value)
        return value, made


@dataclass
class PageMemo:
    """Markdown of generated pages by site path, with the inputs it was made from.
    Mutable on purpose: it lives as long as a serve session."""

    environment: Inputs | None = None
    _pages: Kept[str] = field(default_factory=Kept)
    _groups: Kept[tuple[HasPath, ...]] = field(default_factory=Kept)
    _values: Kept[object] = field(default_factory=Kept)
    made: list[str] = field(default_factory=list)  # paths generated in this build
    reused: int = 0
    speeches: SpeechValues = field(default_factory=SpeechValues)  # each speech's share of the statistics
    values_made: list[object] = field(default_factory=list)  # keys of the values made in this build

    def begin(self, environment: Inputs) -> None:
        """A new build in `environment`: what the last build made can be reused unless the
        environment changed; pages the last build did not make are forgotten."""
        same = self.environment is not None and same_inputs(self.environment, environment)
        for kept in (self._pages, self._groups, self._values):
            kept.begin(same)
        self.speeches.begin(same)
        self.environment = environment
        self.made, self.reused, self.values_made = [], 0, []

    def page(self, path: str, inputs: Callable[[], Inputs], make: Callable[[], str]) -> str:
        """The page at `path`: the last build's Markdown if its inputs are the same, else made."""
        content, made = self._pages.get(path, inputs(), make)
        self._tally([path] if made else [], 1)
        return content

    def files(self, key: str, inputs: Callable[[], Inputs], make: Callable[[], Sequence[F]]) -> tuple[F, ...]:
        """The group of files under `key` (a term's or a topic's page parts): the last build's
        if its inputs are the same, else made — all of them, as the parts share their inputs."""
        group, made = self._groups.get(key, inputs(), lambda: tuple(make()))
        self._tally([file.path for file in group] if made else [], len(group))
        return cast(tuple[F, ...], group)

    def value(self, kind: str, key: str, inputs: Inputs, make: Callable[[], T]) -> T:
        """A value the pages' inputs are made from (`kind` of `key`), kept while its inputs are
        the same, so that it stays the same object."""
        value, made = self._values.get((kind, key), inputs, make)
        if made:
            self.values_made.append((kind, key))
        return cast(T, value)

    def _tally(self, made: list[str], files: int) -> None:
        self.made += made
        self.reused += files - len(made)

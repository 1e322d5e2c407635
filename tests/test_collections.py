"""heap.fewer_collections: the corpus steps run with a large young generation and rare older
collections (their cost grew faster than the corpus), restored afterwards; short-lived cycles
are still freed. heap.set_aside_long_lived: under serve, what a session keeps is moved out of
the collector's reach once, after its garbage is collected."""

from __future__ import annotations

import gc
import weakref

import pytest
from conftest import SEEDS

from speechsite import pipeline
from speechsite.heap import (
    CORPUS_THRESHOLDS,
    fewer_collections,
    release_long_lived,
    set_aside_long_lived,
)
from speechsite.pipeline import Options


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_thresholds_hold_inside_the_block_and_are_restored_after() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == CORPUS_THRESHOLDS
    assert gc.get_threshold() == before


def test_the_thresholds_are_restored_when_the_block_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(KeyError), fewer_collections((5000, 20, 30)):
        assert gc.get_threshold() == (5000, 20, 30)
        raise KeyError("step failed")
    assert gc.get_threshold() == before


def test_a_short_lived_cycle_is_still_freed_without_a_full_collection() -> None:
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        with fewer_collections():
            cycle = _Cycle()
            gone = weakref.ref(cycle)
            del cycle
            assert gone() is not None  # only the collector frees a cycle
            kept = [[n] for n in range(3 * CORPUS_THRESHOLDS[0])]  # allocations: young collections run
            assert gone() is None
            assert len(kept) == 3 * CORPUS_THRESHOLDS[0]
    finally:
        if not was_enabled:
            gc.disable()


def test_the_build_reads_annotates_and_compares_under_the_corpus_thresholds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, tuple[int, ...]] = {}
    for step in ("read_corpus", "annotate", "corpus_reuse", "render_site"):
        real = getattr(pipeline, step)

        def spy(*args: object, _real=real, _step=step, **kwargs: object) -> object:
            seen[_step] = gc.get_threshold()
            return _real(*args, **kwargs)

        monkeypatch.setattr(pipeline, step, spy)
    before = gc.get_threshold()
    result = pipeline.build(Options(SEEDS))
    assert len(result.corpus.speeches) == 5
    assert seen == {
        "read_corpus": CORPUS_THRESHOLDS, "annotate": CORPUS_THRESHOLDS, "corpus_reuse": CORPUS_THRESHOLDS,
        "render_site": before,  # the pages and MkDocs: the usual thresholds
    }
    assert gc.get_threshold() == before


def test_long_lived_objects_are_set_aside_once_after_their_garbage_is_collected() -> None:
    kept, dropped = _Cycle(), _Cycle()
    gone = weakref.ref(dropped)
    del dropped  # a cycle: only the collector frees it
    try:
        assert set_aside_long_lived()
        assert gone() is None  # collected first, not set aside with the rest
        assert gc.get_freeze_count() > 0
        assert not _scanned(kept)  # the collector no longer looks at it
        assert not set_aside_long_lived()  # once a session
    finally:
        release_long_lived()
    assert gc.get_freeze_count() == 0 and _scanned(kept)


def _scanned(thing: object) -> bool:
    """Whether the collector's generations hold `thing` (those set aside are in none)."""
    return any(candidate is thing for candidate in gc.get_objects())

"""Who says what about which topic: passages per topic, counts and co-occurrence.

Computed once per build from the annotations and shared by the topic pages, the topics
index (heatmap) and `data/topics.json`. A passage is a paragraph or a heading whose OWN
text evidences the topic (it carries evidence marks); paragraphs that only inherit a
topic from their heading are counted on the heading (`Passage.covers`).

Under `mkdocs serve` the statistics also hold what a topic's page shows of each speech's
passages (`TopicStats.shown`), as plain tuples: the topic page memo compares those, not the
passages, which hold the speech object — new for an edited speech even where the page shows
nothing new.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from functools import partial

from ..memo import SpeechValues, per_speech
from ..model import Corpus, Section, Speech
from ..spans import Mark
from .annotations import Annotations, body_units
from .taxonomy import Taxonomy


@dataclass(frozen=True)
class Passage:
    speech: Speech
    unit_id: str
    text: str  # the paragraph's text, or the heading's text (which the marks index)
    citation: str
    marks: tuple[Mark, ...]  # evidence of the topic the passage is listed under
    heading: Section | None = None  # set when the passage is a section heading

    @property
    def covers(self) -> int:
        """Paragraphs under a heading passage (they inherit its topics); 0 for a paragraph."""
        return sum(1 for _ in self.heading.all_paragraphs()) if self.heading else 0


# What a topic page shows of one speech's passages on the topic: the speech (slug, title,
# date, place), then per passage its unit, citation, text, evidence, whether it is a heading
# and how many paragraphs it covers.
TopicShown = tuple[object, ...]


@dataclass(frozen=True)
class TopicStats:
    slug: str
    passages: tuple[Passage, ...]  # corpus order, then document order
    per_speech: dict[str, int] = field(default_factory=dict)  # speech slug → passages
    related: tuple[tuple[str, int], ...] = ()  # (topic, passages evidencing both), most first
    # Under serve only: what the topic's page shows of each speech that evidences it, corpus order.
    shown: tuple[TopicShown, ...] = ()

    @property
    def passage_count(self) -> int:
        return len(self.passages)

    @property
    def speech_count(self) -> int:
        return len(self.per_speech)

    def by_speech(self) -> Iterator[tuple[Speech, tuple[Passage, ...]]]:
        group: list[Passage] = []
        for passage in self.passages:
            if group and group[0].speech.slug != passage.speech.slug:
                yield group[0].speech, tuple(group)
                group = []
            group.append(passage)
        if group:
            yield group[0].speech, tuple(group)


SpeechTopics = dict[str, tuple[list[Passage], Counter[str]]]  # topic → passages, co-occurring topics


def speech_topics(speech: Speech, annotations: Annotations, known: Container[str]) -> SpeechTopics:
    """One speech's share of the stats, for the `known` topics (kept for an unchanged speech
    under serve)."""
    share: SpeechTopics = {}
    for unit in body_units(speech):
        annotation = annotations.of(speech.slug, unit.id)
        own = [slug for slug in annotation.own_topics if slug in known]
        for slug in own:
            marks = tuple(m for m in annotation.marks if m.kind == "topic" and m.key == slug)
            found, pairs = share.setdefault(slug, ([], Counter()))
            found.append(Passage(speech, unit.id, unit.text, unit.citation, marks, unit.section))
            pairs.update(other for other in own if other != slug)
    return share


def shown_topics(speech: Speech, share: SpeechTopics) -> dict[str, TopicShown]:
    """What each topic's page shows of this speech's passages on it (kept for an unchanged
    speech under serve, so that it compares by identity)."""
    who = (speech.slug, speech.display_title, speech.meta.date, speech.meta.place)
    return {
        slug: (who, *((p.unit_id, p.citation, p.text, p.marks, p.heading is not None, p.covers) for p in found))
        for slug, (found, _) in share.items()
    }


def topic_stats(
    corpus: Corpus, annotations: Annotations, taxonomy: Taxonomy, values: SpeechValues | None = None
) -> dict[str, TopicStats]:
    """Stats of every topic of the taxonomy (empty ones included), by slug, from each speech's
    share (`values`: the shares of unchanged speeches kept, the taxonomy being the same, and
    what the topic pages show of each, which only serve's page memo compares)."""
    passages: dict[str, list[Passage]] = {topic.slug: [] for topic in taxonomy.topics}
    pairs: dict[str, Counter[str]] = {topic.slug: Counter() for topic in taxonomy.topics}
    shown: dict[str, list[TopicShown]] = {topic.slug: [] for topic in taxonomy.topics}
    for speech in corpus.speeches:
        units = annotations.speech_units(speech.slug)
        share = per_speech(values, "topics", speech, units, partial(speech_topics, speech, annotations, passages.keys()))
        for slug, (found, co_occurring) in share.items():
            passages[slug].extend(found)
            pairs[slug].update(co_occurring)
        if values is not None:
            for slug, view in values.get("topics shown", speech, units, partial(shown_topics, speech, share)).items():
                shown[slug].append(view)
    return {
        slug: TopicStats(
            slug,
            tuple(found),
            dict(Counter(passage.speech.slug for passage in found)),
            tuple(sorted(pairs[slug].items(), key=lambda item: (-item[1], item[0]))),
            tuple(shown[slug]),
        )
        for slug, found in passages.items()
    }

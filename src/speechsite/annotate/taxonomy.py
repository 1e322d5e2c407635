"""Topics: the taxonomy file, validated on load, and matching of its evidence words.

A topic is evidenced by literal keywords found anywhere in a paragraph or heading
(substrings: Chinese has no word boundaries), longest first, unless one of the topic's
`exclude` contexts overlaps the match. See source_texts/taxonomy.yml for the rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import Node, ScalarNode

from ..read.datafile import DataFile, compose, line_of
from ..slugs import is_slug
from ..spans import Mark
from .matcher import PhraseMatcher

TOPIC_KEYS = ("slug", "name", "description", "parent", "keywords", "exclude")
REQUIRED_KEYS = ("slug", "name", "keywords")
TOP_KEYS = ("topics",)

Fields = dict[str, tuple[ScalarNode, Node]]  # key name → (key node, value node)


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    description: str = ""
    parent: str | None = None
    keywords: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)  # where it is defined in the taxonomy file


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...] = ()
    _by_slug: dict[str, Topic] = field(init=False, repr=False, compare=False)
    _children: dict[str | None, tuple[Topic, ...]] = field(init=False, repr=False, compare=False)
    _matcher: PhraseMatcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_slug", {topic.slug: topic for topic in self.topics})
        children: dict[str | None, list[Topic]] = {}
        for topic in self.topics:
            children.setdefault(topic.parent, []).append(topic)
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})
        evidence = ((topic.slug, topic.keywords, topic.exclude) for topic in self.topics)
        object.__setattr__(self, "_matcher", PhraseMatcher.of_keys(evidence))

    def __contains__(self, slug: object) -> bool:
        return slug in self._by_slug

    def __len__(self) -> int:
        return len(self.topics)

    def get(self, slug: str) -> Topic:
        try:
            return self._by_slug[slug]
        except KeyError:
            raise KeyError(f"unknown topic “{slug}”") from None

    def roots(self) -> tuple[Topic, ...]:
        """Topics without a parent, in file order."""
        return self._children.get(None, ())

    def children(self, slug: str) -> tuple[Topic, ...]:
        return self._children.get(slug, ())

    def parent_of(self, slug: str) -> Topic | None:
        parent = self.get(slug).parent
        return self._by_slug.get(parent) if parent else None

    def ancestors(self, slug: str) -> tuple[Topic, ...]:
        """Parent, grandparent, … of a topic (nearest first)."""
        chain: list[Topic] = []
        parent = self.parent_of(slug)
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self.parent_of(parent.slug)
        return tuple(chain)

    def walk(self) -> Iterator[tuple[Topic, int]]:
        """Every topic with its depth, parents before their children (tree order)."""

        def visit(topic: Topic, depth: int) -> Iterator[tuple[Topic, int]]:
            yield topic, depth
            for child in self.children(topic.slug):
                yield from visit(child, depth + 1)

        for root in self.roots():
            yield from visit(root, 0)

    def match(self, text: str) -> list[Mark]:
        """A topic mark for every keyword occurrence in `text` that no exclusion vetoes."""
        return [Mark(start, end, "topic", key) for start, end, key in self._matcher.spans(text)]


def load_taxonomy(path: Path | None) -> Taxonomy:
    """The taxonomy in `path` (None: no topics); a malformed file raises `DataFileError`."""
    if path is None:
        return Taxonomy()
    data = compose(path, str(path))
    topics, parent_lines = _read_topics(data)
    _check_parents(data, topics, parent_lines)
    return Taxonomy(tuple(topics))


def _read_topics(data: DataFile) -> tuple[list[Topic], dict[str, int]]:
    """The topics in file order, and the line of each topic's `parent:` value."""
    hint = "start the file with `topics:` followed by one `- slug: …` entry per topic"
    if data.root is None:
        raise data.error(None, "the file is empty", hint)
    top = dict(
        (key.value, (key, value)) for key, value in data.mapping(data.root, "the file", hint)
    )
    for name, (key, _) in top.items():
        if name not in TOP_KEYS:
            raise data.error(key, f"unknown top-level key “{name}”", hint)
    if "topics" not in top:
        raise data.error(data.root, "no `topics:` list", hint)
    topics: list[Topic] = []
    first_line: dict[str, int] = {}
    parent_lines: dict[str, int] = {}
    for node in data.sequence(top["topics"][1], "`topics`", hint):
        topic, parent_line = _read_topic(data, node)
        if topic.slug in first_line:
            raise data.error(
                node,
                f"duplicate slug “{topic.slug}” (first defined on line {first_line[topic.slug]})",
                "give each topic its own slug",
            )
        first_line[topic.slug] = topic.line
        parent_lines[topic.slug] = parent_line
        topics.append(topic)
    return topics, parent_lines


def _read_topic(data: DataFile, node: Node) -> tuple[Topic, int]:
    hint = f"a topic has the keys {', '.join(TOPIC_KEYS)}"
    fields: Fields = {key.value: (key, value) for key, value in data.mapping(node, "a topic", hint)}
    label = _label(fields)
    for name, (key, _) in fields.items():
        if name not in TOPIC_KEYS:
            raise data.error(
                key,
                f"unknown key “{name}” in topic {label}",
                f"allowed keys: {', '.join(TOPIC_KEYS)}",
            )
    for name in REQUIRED_KEYS:
        if name not in fields:
            raise data.error(node, f"topic {label} has no `{name}:`", f"add `{name}:` to it")
    slug = data.text(fields["slug"][1], "`slug`") or ""
    if not is_slug(slug):
        raise data.error(
            fields["slug"][1],
            f"slug “{slug}” is not a readable ASCII slug",
            "use lowercase letters, digits and single hyphens, e.g. fang-nishui",
        )
    keywords = _phrases(data, fields, "keywords", slug, required=True)
    exclude = _phrases(data, fields, "exclude", slug, required=False)
    _check_exclusions(data, slug, keywords, exclude)
    topic = Topic(
        slug=slug,
        name=data.text(fields["name"][1], f"`name` of “{slug}”") or "",
        description=_optional_text(data, fields, "description", slug) or "",
        parent=_optional_text(data, fields, "parent", slug),
        keywords=tuple(keywords),
        exclude=tuple(exclude),
        line=line_of(node),
    )
    return topic, line_of(fields["parent"][1]) if "parent" in fields else topic.line


def _label(fields: Fields) -> str:
    if "slug" in fields:
        value = fields["slug"][1]
        return f"“{getattr(value, 'value', '?')}”"
    return "without slug"


def _optional_text(data: DataFile, fields: Fields, name: str, slug: str) -> str | None:
    return (
        data.text(fields[name][1], f"`{name}` of “{slug}”", optional=True)
        if name in fields
        else None
    )


def _phrases(
    data: DataFile, fields: Fields, name: str, slug: str, *, required: bool
) -> dict[str, int]:
    """The listed phrases in order, each with its line."""
    if name not in fields:
        return {}
    key, value = fields[name]
    items = data.texts(value, f"`{name}` of “{slug}”")
    if required and not items:
        raise data.error(
            key,
            f"topic “{slug}” has no {name}",
            "list at least one word or phrase that evidences it",
        )
    seen: dict[str, int] = {}
    for phrase, node in items:
        if phrase in seen:
            raise data.error(
                node,
                f"“{phrase}” is listed twice in `{name}` of “{slug}” (first on line {seen[phrase]})",
                "keep one of them",
            )
        seen[phrase] = line_of(node)
    return seen


def _check_exclusions(
    data: DataFile, slug: str, keywords: dict[str, int], exclude: dict[str, int]
) -> None:
    """An exclusion inside a keyword of the same topic would veto every match of it."""
    for context, line in exclude.items():
        for keyword in keywords:
            if context in keyword:
                raise data.error(
                    line,
                    f"exclusion “{context}” of “{slug}” lies inside its keyword “{keyword}”, "
                    "so that keyword could never count",
                    "remove the exclusion or the keyword",
                )


def _check_parents(data: DataFile, topics: list[Topic], parent_lines: dict[str, int]) -> None:
    by_slug = {topic.slug: topic for topic in topics}
    for topic in topics:
        if topic.parent is not None and topic.parent not in by_slug:
            raise data.error(
                parent_lines[topic.slug],
                f"parent “{topic.parent}” of topic “{topic.slug}” is not a topic in this file",
                "use the slug of a topic defined here, or remove `parent:`",
            )
    for topic in topics:
        chain = [topic.slug]
        parent = topic.parent
        while parent is not None and len(chain) <= len(topics):
            chain.append(parent)
            if parent == topic.slug:
                raise data.error(
                    parent_lines[topic.slug],
                    f"topic “{topic.slug}” is its own ancestor ({' → '.join(chain)})",
                    "remove one of the `parent:` links in this loop",
                )
            parent = by_slug[parent].parent

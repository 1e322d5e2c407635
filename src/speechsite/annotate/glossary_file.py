"""Read and validate source_texts/glossary.yml; every complaint names its file and line.

terms:
  - term: 一岗双责                 # required
    category: 数字概括             # required, one of glossary.CATEGORIES
    definition: 领导干部……         # required, one to three sentences of our own
    variants: [“一岗双责”]          # other spellings that count as the term
    expansion: ……                  # what a numbered formula stands for
    related: [党政同责]             # other terms of this file (term or variant)
    topics: [anquan-shengchan]      # topic slugs of source_texts/taxonomy.yml
    not_in: [……]                   # false friends: contexts that contain a form but are not the term
    external: false                 # true: need not occur in the speeches
    slug: yi-gang-shuang-ze         # optional, overrides the pinyin slug
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from ..read.datafile import STR_TAG, DataFile, compose, is_null, line_of
from ..slugs import is_slug, pinyin_of_all, pinyin_slug, syllables_slug
from .terms import CATEGORIES, Term, surface_forms

TERM_KEYS = (
    "term", "slug", "variants", "category", "definition", "expansion",
    "related", "topics", "not_in", "external",
)  # fmt: skip
REQUIRED_KEYS = ("term", "category", "definition")
BOOL_TAG = "tag:yaml.org,2002:bool"

Fields = dict[str, tuple[ScalarNode, Node]]


@dataclass(frozen=True)
class _Entry:
    """A term as read, before its related terms are resolved to slugs."""

    term: Term
    related: tuple[tuple[str, Node], ...]
    topics: tuple[tuple[str, Node], ...]


def read_terms(path: Path, known_topics: Collection[str] = ()) -> tuple[Term, ...]:
    data = compose(path, str(path))
    nodes = _term_nodes(data)
    names = _names_without_slug(nodes)
    pinyin = dict(zip(names, pinyin_of_all(names), strict=True))  # in a process of its own: slugs.py
    entries = [_entry(data, node, pinyin) for node in nodes]
    _check_unique(data, entries)
    by_form = {form: entry.term.slug for entry in entries for form in entry.term.forms}
    return tuple(_resolve(data, entry, by_form, known_topics) for entry in entries)


def _term_nodes(data: DataFile) -> list[Node]:
    hint = "the file starts with `terms:` followed by one `- term: …` block per term"
    if data.root is None or is_null(data.root):
        return []
    top = data.mapping(data.root, "the glossary file", hint)
    for key, _ in top:
        if key.value != "terms":
            raise data.error(key, f"unknown key “{key.value}” at the top of the glossary", hint)
    return data.sequence(top[0][1], "`terms`", hint) if top and not is_null(top[0][1]) else []


def _names_without_slug(nodes: list[Node]) -> list[str]:
    """The names of the terms that need their pinyin for a slug, looked at leniently: a
    malformed term is left to `_entry`, which names the problem in the file's order."""
    names: dict[str, None] = {}
    for node in nodes:
        if not isinstance(node, MappingNode):
            continue
        keys = {key.value: value for key, value in node.value if isinstance(key, ScalarNode)}
        name = keys.get("term")
        if "slug" not in keys and isinstance(name, ScalarNode) and name.tag == STR_TAG:
            names[str(name.value).strip()] = None
    return list(names)


def _entry(data: DataFile, node: Node, pinyin: Mapping[str, list[str]]) -> _Entry:
    hint = f"a term takes the keys: {', '.join(TERM_KEYS)}"
    fields: Fields = {}
    for key, value in data.mapping(node, "a glossary term", hint):
        if key.value not in TERM_KEYS:
            raise data.error(key, f"unknown key “{key.value}” in a glossary term", hint)
        fields[key.value] = (key, value)
    for required in REQUIRED_KEYS:
        if required not in fields:
            raise data.error(node, f"a glossary term has no `{required}`", f"add `{required}: …`")
    name = _text(data, fields, "term")
    what = f"term “{name}”"
    category = _text(data, fields, "category")
    if category not in CATEGORIES:
        raise data.error(
            fields["category"][1],
            f"unknown category “{category}” in {what}",
            f"use one of: {'、'.join(CATEGORIES)}",
        )
    term = Term(
        slug=_slug(data, fields, name, pinyin),
        term=name,
        definition=_text(data, fields, "definition"),
        category=category,
        variants=tuple(text for text, _ in _texts(data, fields, "variants", what)),
        expansion=_text(data, fields, "expansion", optional=True),
        external=_flag(data, fields, "external", what),
        line=line_of(node),
    )
    term = replace(term, not_in=_false_friends(data, fields, term))
    return _Entry(term, _texts(data, fields, "related", what), _texts(data, fields, "topics", what))


def _text(data: DataFile, fields: Fields, key: str, *, optional: bool = False) -> str:
    if key not in fields:
        return ""
    return data.text(fields[key][1], f"`{key}`", optional=optional) or ""


def _texts(data: DataFile, fields: Fields, key: str, what: str) -> tuple[tuple[str, Node], ...]:
    return tuple(data.texts(fields[key][1], f"`{key}` of {what}")) if key in fields else ()


def _flag(data: DataFile, fields: Fields, key: str, what: str) -> bool:
    if key not in fields:
        return False
    node = fields[key][1]
    if not isinstance(node, ScalarNode) or node.tag != BOOL_TAG:
        raise data.error(node, f"`{key}` of {what} must be true or false", f"write `{key}: true`")
    return str(node.value).lower() in ("true", "yes", "on")


def _slug(data: DataFile, fields: Fields, name: str, pinyin: Mapping[str, list[str]]) -> str:
    if "slug" not in fields:
        slug = syllables_slug(pinyin[name]) if name in pinyin else pinyin_slug(name)
        if not slug:  # 、、 or —— : no syllable to spell the page's address with
            raise data.error(
                fields["term"][1],
                f"term “{name}” has no pinyin to make its page address from",
                "add a `slug:` of lowercase ASCII words joined by hyphens, e.g. `slug: yi-gang-shuang-ze`",
            )
        return slug
    slug = _text(data, fields, "slug")
    if not is_slug(slug):
        raise data.error(
            fields["slug"][1],
            f"slug “{slug}” of term “{name}” is not lowercase ASCII words joined by hyphens",
            "write it like yi-gang-shuang-ze",
        )
    return slug


def _false_friends(data: DataFile, fields: Fields, term: Term) -> tuple[str, ...]:
    friends = _texts(data, fields, "not_in", f"term “{term.term}”")
    for context, node in friends:
        if not any(form in context for form in term.forms):
            raise data.error(
                node,
                f"false friend “{context}” of term “{term.term}” does not contain the term or a variant",
                "write the longer context in which the term's characters appear but mean something else",
            )
    return tuple(context for context, _ in friends)


def _check_unique(data: DataFile, entries: list[_Entry]) -> None:
    slugs: dict[str, Term] = {}
    forms: dict[str, Term] = {}
    for entry in entries:
        term = entry.term
        if term.slug in slugs:
            first = slugs[term.slug]
            raise data.error(
                term.line,
                f"term “{term.term}” has the slug “{term.slug}” of term “{first.term}” (line {first.line})",
                "give one of them its own `slug:`",
            )
        slugs[term.slug] = term
        for form in surface_forms((term.term, *term.variants)):
            if form in forms:
                first = forms[form]
                raise data.error(
                    term.line,
                    f"“{form}” of term “{term.term}” is already listed in term “{first.term}”"
                    f" (line {first.line})",
                    "a spelling may belong to one term only: keep it in one place",
                )
            forms[form] = term


def _resolve(
    data: DataFile, entry: _Entry, by_form: dict[str, str], known_topics: Collection[str]
) -> Term:
    related: list[str] = []
    for name, node in entry.related:
        slug = by_form.get(name) or by_form.get(name.translate({ord(c): None for c in "“”"}))
        if slug is None:
            raise data.error(
                node,
                f"related term “{name}” of term “{entry.term.term}” is not in the glossary",
                "add it as a term, or correct the spelling",
            )
        if slug == entry.term.slug:
            raise data.error(node, f"term “{entry.term.term}” lists itself as related", "remove it")
        related.append(slug)
    for topic, node in entry.topics:
        if known_topics and topic not in known_topics:
            raise data.error(
                node,
                f"topic “{topic}” of term “{entry.term.term}” is not in the taxonomy",
                "use a topic slug from source_texts/taxonomy.yml",
            )
    topics = tuple(dict.fromkeys(topic for topic, _ in entry.topics))
    return replace(entry.term, related=tuple(dict.fromkeys(related)), topics=topics)

"""Metadata: YAML front matter or a sidecar `<stem>.yml`, validated with file:line messages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import yaml

from ..errors import SourceError
from ..model import LEVELS, Diagnostic, Metadata
from ..slugs import is_slug
from .yamltext import YamlContentError, compose_text

TEXT_KEYS = ("title", "speaker", "role", "place", "meeting", "source", "slug")
KNOWN_KEYS = (*TEXT_KEYS, "date", "level", "tags")
LEVEL_ALIASES = {"国家": "中央", "国家级": "中央", "中央级": "中央"}
# YYYY, YYYY-MM, YYYY-MM-DD (one-digit month and day as YAML's timestamps allow them), an
# optional time after the day.
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}\S*)?)?)?")
DATE_HINT = "write YYYY-MM-DD, YYYY-MM or YYYY, e.g. `date: 2013-02-28`"
# The opening fence may follow blank lines and carry trailing spaces (editors leave both).
_OPENING = re.compile(r"(?:[ \t]*\n)*---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


class _MetadataLoader(yaml.SafeLoader):
    """Dates, quoted or not, arrive as text and are checked by one rule (`_date`)."""


_MetadataLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str  # type: ignore[type-var]
)


@dataclass(frozen=True)
class FrontMatter:
    yaml_text: str | None
    body: str  # the text after the front matter
    body_line: int  # 1-based source line where the body starts
    body_offset: int  # character offset of the body in the normalised file text
    yaml_line: int = 2  # 1-based source line of the first line of `yaml_text`


def split_front_matter(text: str, file: str) -> FrontMatter:
    """Separate a `---` … `---` block at the top of the text (after blank lines, if any)
    from the speech."""
    opening = _OPENING.match(text)
    if opening is None:
        return FrontMatter(None, text, 1, 0)
    start = opening.end()
    yaml_line = text.count("\n", 0, start) + 1
    closing = _CLOSING.search(text, start)
    if closing is None:
        raise SourceError(file, yaml_line - 1, "front matter is not closed",
                          "add a line `---` after the metadata, or remove the first `---` line")
    offset = min(closing.end() + 1, len(text))
    body_line = yaml_line + text.count("\n", start, closing.end()) + 1  # the line after the fence
    return FrontMatter(text[start : closing.start()].removesuffix("\n"), text[offset:], body_line,
                       offset, yaml_line)


def load_metadata(
    front: FrontMatter, file: str, sidecar: str | None = None, sidecar_file: str | None = None
) -> tuple[Metadata, list[Diagnostic]]:
    """Merge sidecar and front matter (front matter wins); validate keys and types."""
    values: dict[str, Any] = {}
    warnings: list[Diagnostic] = []
    if sidecar is not None and sidecar_file is not None:
        values.update(_parse_mapping(sidecar, sidecar_file, 1, warnings))
    if front.yaml_text is not None:
        values.update(_parse_mapping(front.yaml_text, file, front.yaml_line, warnings))
    return Metadata(**values), warnings


def _parse_mapping(
    text: str, file: str, first_line: int, warnings: list[Diagnostic]
) -> dict[str, Any]:
    try:
        node, data = _compose_and_load(text)
    except YamlContentError as error:
        line = first_line + error.problem_mark.line if error.problem_mark else first_line
        raise SourceError(file, line, f"invalid metadata: {error.problem}", error.hint) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise SourceError(file, line, f"invalid metadata: {problem}",
                          "write the metadata as `key: value` lines of YAML") from error
    if data is None:
        return {}
    if not isinstance(data, dict) or node is None:
        raise SourceError(file, first_line, "metadata must be a mapping of `key: value` lines",
                          f"use keys such as {', '.join(KNOWN_KEYS)}")
    lines = _key_lines(node, file, first_line)
    values: dict[str, Any] = {}
    for key, value in data.items():
        name, line = str(key), lines.get(str(key), first_line)
        if name not in KNOWN_KEYS:
            warnings.append(Diagnostic("warning", file, line, f"unknown metadata key “{name}”",
                                       f"use one of: {', '.join(KNOWN_KEYS)}"))
            continue
        if value is not None:
            values[name] = _validated(name, value, file, line)
    return values


def _key_lines(node: Any, file: str, first_line: int) -> dict[str, int]:
    """The line of each key; a key given twice is an error, as in the data files."""
    lines: dict[str, int] = {}
    for key, _ in node.value:
        name, line = str(key.value), first_line + key.start_mark.line
        if name in lines:
            raise SourceError(file, line,
                              f"key “{name}” appears twice in the metadata (first on line {lines[name]})",
                              "keep one of them")
        lines[name] = line
    return lines


def _compose_and_load(text: str) -> tuple[Any, Any]:
    """The YAML node tree (for key lines) and its data, from one parse."""
    node = compose_text(text)
    return node, (_MetadataLoader("").construct_document(node) if node is not None else None)


def _validated(name: str, value: Any, file: str, line: int) -> Any:
    if name == "tags":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise SourceError(file, line, "metadata “tags” must be a list of words",
                              "write for example `tags: [维稳, 信访]`")
        return tuple(items)
    if name == "date":
        return _date(value, file, line)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise SourceError(file, line, f"metadata “{name}” must be text",
                          f"write `{name}: …` with a single line of text")
    text = str(value).strip()
    if name == "level":
        text = LEVEL_ALIASES.get(text, text)
    if name == "level" and text not in LEVELS:
        raise SourceError(file, line, f"metadata “level” must be one of {'/'.join(LEVELS)}",
                          f"write for example `level: 县`, not `level: {text}`")
    if name == "slug":
        check_slug(text, file, line)
    return text


def _date(value: Any, file: str, line: int) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD of a real day, quoted or not (a time after it is dropped)."""
    text = str(value).strip()
    found = _DATE.fullmatch(text) if isinstance(value, int | str) and not isinstance(value, bool) else None
    if found is not None:
        year, month, day = found.groups()
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            pass
        else:
            return "-".join([year] + [f"{int(part):02d}" for part in (month, day) if part])
    raise SourceError(file, line, f"metadata “date” is not a date: {text}", DATE_HINT)


def check_slug(slug: str, file: str, line: int | None) -> None:
    if not is_slug(slug):
        raise SourceError(file, line, f"invalid slug “{slug}”",
                          "use lowercase ASCII letters, digits and single hyphens, e.g. "
                          "`slug: 2023-zongzhi-anquan`")


def with_fields(meta: Metadata, inferred: Mapping[str, Any]) -> Metadata:
    """Fill the fields the metadata leaves empty and mark them as inferred."""
    names = {f.name for f in fields(Metadata)}
    updates = {k: v for k, v in inferred.items() if k in names and v and not getattr(meta, k)}
    values = {f.name: getattr(meta, f.name) for f in fields(Metadata)}
    values.update(updates)
    values["inferred"] = meta.inferred | frozenset(updates)
    return Metadata(**values)

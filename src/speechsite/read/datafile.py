"""Read a hand-edited YAML data file as a node tree, so every complaint can name its line.

`yaml.compose` keeps the position of every node; the validators here check shapes and
types on that tree and raise `DataFileError("file", line, what, how-to-fix)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import DataFileError
from .yamltext import YamlContentError, compose_text

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class DataFile:
    """A data file being validated: its name for messages and its root node."""

    name: str
    root: Node | None

    def error(self, where: Node | int | None, message: str, hint: str) -> DataFileError:
        """`where` is the node the problem is in, or a line number."""
        line = line_of(where) if isinstance(where, Node) else where
        return DataFileError(self.name, line, message, hint)

    def mapping(self, node: Node, what: str, hint: str) -> list[tuple[ScalarNode, Node]]:
        """The (key, value) pairs of a mapping node whose keys are plain strings, no key twice."""
        if not isinstance(node, MappingNode):
            raise self.error(node, f"{what} must be a mapping of `key: value` lines", hint)
        seen: dict[str, int] = {}
        pairs: list[tuple[ScalarNode, Node]] = []
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag != STR_TAG:
                raise self.error(key, f"{what} has a key that is not a word", hint)
            if key.value in seen:
                raise self.error(
                    key,
                    f"key “{key.value}” appears twice in {what} (first on line {seen[key.value]})",
                    "keep one of them",
                )
            seen[key.value] = line_of(key)
            pairs.append((key, value))
        return pairs

    def sequence(self, node: Node, what: str, hint: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.error(node, f"{what} must be a list (lines starting with `- `)", hint)
        return list(node.value)

    def text(self, node: Node, what: str, *, optional: bool = False) -> str | None:
        """A string scalar, stripped; None for an empty value when `optional`."""
        if optional and is_null(node):
            return None
        if not isinstance(node, ScalarNode) or node.tag != STR_TAG:
            raise self.error(
                node, f"{what} must be text, not {describe(node)}", "write it as plain text"
            )
        value = str(node.value).strip()
        if not value and not optional:
            raise self.error(node, f"{what} is empty", "write it out or remove the line")
        return value or None

    def texts(self, node: Node, what: str) -> list[tuple[str, Node]]:
        """A list of non-empty strings, each with its node (for line numbers)."""
        if is_null(node):
            return []
        items = self.sequence(node, what, "write one entry per line, each starting with `- `")
        return [(self.text(item, f"an entry of {what}") or "", item) for item in items]


def compose(path: Path, name: str) -> DataFile:
    """Parse YAML syntax only (no types yet); a syntax error names its line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFileError(
            name, None, f"not UTF-8 text ({error.reason})", "save it as UTF-8"
        ) from error
    try:
        root = compose_text(text)
    except YamlContentError as error:
        line = error.problem_mark.line + 1 if error.problem_mark is not None else None
        raise DataFileError(name, line, str(error.problem), error.hint) from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or error.context or "malformed YAML"
        raise DataFileError(
            name, line, f"YAML syntax error: {problem}", "check indentation, colons and quotes"
        ) from error
    return DataFile(name, root)


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    kind = node.tag.rsplit(":", 1)[-1]
    return {"int": "a number", "float": "a number", "bool": "true/false", "null": "empty"}.get(
        kind, f"“{node.value}”"
    )

"""YAML text → node tree, with the limits every hand-edited YAML file of the site gets.

Front matter, sidecars, the taxonomy and the glossary are all composed here. Besides
YAML's own syntax errors, two things that YAML allows are refused, each with its line and
its fix, because they would otherwise surface far from their cause:

- nesting deeper than MAX_DEPTH levels (the pure-Python parser, which writes the messages,
  recurses once per level and would stop with a RecursionError);
- a scalar holding a lone surrogate (`"\\ud800"`, or a pair of `\\u` escapes, which PyYAML
  does not combine) or a NUL: no page, JSON or CSV file can be written with it.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_DEPTH = 16  # the data files need 5 levels, metadata 2
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEPTH_HINT = "write flat `key: value` lines; a value needs at most a list or a mapping inside"
SURROGATE_HINT = (
    "write the character itself, or an astral character as one `\\U0001F600` escape, "
    "not as a pair of `\\u` escapes"
)
NUL_HINT = "remove the `\\0` escape"
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")


class YamlContentError(yaml.MarkedYAMLError):
    """Valid YAML that the site refuses; `hint` says how to fix it."""

    def __init__(self, problem: str, mark: Any, hint: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


def compose_text(text: str) -> Node | None:
    """The node tree, by libyaml where PyYAML has it (10× faster); on an error the pure-Python
    parser runs again, for its messages, which name the line of the problem itself."""
    try:
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        _check_event_depth(text)  # before the recursive pure-Python composer
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        _check_tree(root)
    return root


def _check_event_depth(text: str) -> None:
    """Nesting depth from the parser's events: iterative, so any depth is safe to measure."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except YamlContentError:
        raise
    except yaml.YAMLError:
        return  # a syntax error: composing again reports it


def _check_tree(root: Node) -> None:
    """Depth and characters of every node, walked with a stack (no recursion)."""
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, ScalarNode):
            _check_scalar(node)
            continue
        if depth > MAX_DEPTH:
            raise _too_deep(node.start_mark)
        if isinstance(node, MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        elif isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)


def _check_scalar(node: ScalarNode) -> None:
    found = _UNWRITABLE.search(str(node.value))
    if found is None:
        return
    if found.group() == "\x00":
        raise YamlContentError("the text holds a NUL character (\\0)", node.start_mark, NUL_HINT)
    raise YamlContentError(
        f"the text holds a lone surrogate (\\u{ord(found.group()):04x}), which is not a character",
        node.start_mark,
        SURROGATE_HINT,
    )


def _too_deep(mark: Any) -> YamlContentError:
    return YamlContentError(f"nested deeper than {MAX_DEPTH} levels", mark, DEPTH_HINT)

"""The page memo of `mkdocs serve` (memo.py): a page, a group of files (a term's or a topic's
page parts) or a value is made again exactly when its inputs differ from the last build's,
compared by identity first, and everything is made again when the environment changes."""

from __future__ import annotations

from collections.abc import Callable

from speechsite.memo import PageMemo, SameObjects, same_inputs
from speechsite.output import OutputFile


class Counting:
    """A maker of a term's page parts that counts its calls."""

    def __init__(self, *paths: str) -> None:
        self.paths = paths
        self.calls = 0

    def __call__(self) -> list[OutputFile]:
        self.calls += 1
        return [OutputFile(path, f"{path} made {self.calls}") for path in self.paths]


PARTS = ("glossary/t/index.md", "glossary/t/2/index.md")


def build(memo: PageMemo, inputs: tuple[object, ...], make: Callable[[], list[OutputFile]], env: object = "env") -> tuple[OutputFile, ...]:
    memo.begin((env,))
    return memo.files("glossary/t/index.md", lambda: inputs, make)


def test_a_group_of_files_is_kept_while_its_inputs_are_equal() -> None:
    memo, make = PageMemo(), Counting(*PARTS)
    shared = ["occurrence"]  # the same object in both builds
    first = build(memo, (shared, ("title", 3)), make)
    assert [file.path for file in first] == list(PARTS) and memo.made == list(PARTS)
    again = build(memo, (shared, ("title", 3)), make)  # equal, not identical: kept
    assert again is first and make.calls == 1
    assert memo.made == [] and memo.reused == 2


def test_a_group_is_made_again_whole_when_one_input_differs() -> None:
    memo, make = PageMemo(), Counting(*PARTS)
    build(memo, ("term", ("title", 3)), make)
    remade = build(memo, ("term", ("title", 4)), make)
    assert make.calls == 2 and memo.made == list(PARTS) and memo.reused == 0
    assert remade[1].content == "glossary/t/2/index.md made 2"  # every part, not only the first


def test_a_group_of_another_size_replaces_the_last() -> None:
    memo = PageMemo()
    build(memo, (1,), Counting(*PARTS))
    fewer = build(memo, (2,), Counting(PARTS[0]))
    assert [file.path for file in fewer] == [PARTS[0]] and memo.made == [PARTS[0]]


def test_a_new_environment_makes_every_group_again() -> None:
    memo, make = PageMemo(), Counting(*PARTS)
    build(memo, (1,), make)
    build(memo, (1,), make, env="another glossary")
    assert make.calls == 2 and memo.reused == 0


def test_a_group_the_last_build_did_not_ask_for_is_forgotten() -> None:
    memo, make = PageMemo(), Counting(*PARTS)
    build(memo, (1,), make)
    memo.begin(("env",))  # a build without the term (it left the glossary … and came back)
    build(memo, (1,), make)
    assert make.calls == 2


def test_pages_and_groups_are_counted_apart() -> None:
    memo = PageMemo()
    memo.begin(("env",))
    memo.page("speeches/a/index.md", lambda: ("a",), lambda: "A")
    memo.files("glossary/t/index.md", lambda: ("t",), Counting(*PARTS))
    assert memo.made == ["speeches/a/index.md", *PARTS]
    memo.begin(("env",))
    memo.page("speeches/a/index.md", lambda: ("a",), lambda: "A")
    memo.files("glossary/t/index.md", lambda: ("t",), Counting(*PARTS))
    assert memo.made == [] and memo.reused == 3


def test_a_value_is_the_same_object_while_its_inputs_are_equal() -> None:
    memo = PageMemo()
    memo.begin(("env",))
    first = memo.value("trace", "t", (1, "a"), lambda: ["trace"])
    memo.begin(("env",))
    assert memo.value("trace", "t", (1, "a"), lambda: ["other"]) is first
    assert memo.values_made == []
    memo.begin(("env",))
    assert memo.value("trace", "t", (2, "a"), lambda: ["other"]) == ["other"]
    assert memo.values_made == [("trace", "t")]
    memo.begin(("env",))  # the same key of another kind is another value
    assert memo.value("shown trace", "t", (2, "a"), lambda: ["shown"]) == ["shown"]


def test_same_objects_compares_identity_not_equality() -> None:
    a, b = ["x"], ["x"]
    assert SameObjects([a, b]) == SameObjects([a, b])
    assert SameObjects([a, b]) != SameObjects([a, ["x"]])  # equal but another object
    assert SameObjects([a]) != SameObjects([a, b])
    assert SameObjects([a]) != [a]
    assert same_inputs((SameObjects([a]), 1), (SameObjects([a]), 1))
    assert not same_inputs((SameObjects([a]), 1), (SameObjects([b]), 1))


def test_inputs_compare_by_identity_first() -> None:
    class NeverEqual:
        def __eq__(self, other: object) -> bool:
            return False

        __hash__ = object.__hash__

    one = NeverEqual()
    assert same_inputs((one,), (one,))  # the very same object needs no comparison
    assert not same_inputs((one,), (NeverEqual(),))
    assert not same_inputs((1, 2), (1,))

"""The codes of the index files (search/codec.py): round trips and the characters they avoid."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from speechsite.search.codec import (
    ESCAPE,
    ONE_BYTE,
    RANKED,
    rank_decode,
    rank_encode,
    rank_table,
    ranks,
    words_bytes,
    words_text,
)

# What a double-quoted JavaScript string in the file may not hold, and what UTF-16 cannot.
FORBIDDEN = {'"', "\\", "\n", "\r", "\u2028", "\u2029"}


def _payload(packed: bytes) -> str:
    return packed.decode("utf-16-le")


def test_words_of_nothing_and_of_one_byte() -> None:
    assert words_text([]) == []
    assert [_payload(p) for p in words_text([b"", b"\x00", b"AB"])] == ["0", "1!\u8000", "0\u4142"]
    assert [words_bytes(_payload(p)) for p in words_text([b"", b"\x00", b"AB"])] == [
        b"",
        b"\x00",
        b"AB",
    ]


def test_words_a_string_cannot_hold_are_marked_and_flipped() -> None:
    hostile = [
        0x0000,
        0x000A,
        0x000D,
        0x0021,
        0x0022,
        0x005C,
        0x2028,
        0x2029,
        0xD800,
        0xDBFF,
        0xDC00,
        0xDFFF,
    ]
    data = b"".join(w.to_bytes(2, "big") for w in hostile)
    text = _payload(words_text([data])[0])
    assert text == "0" + "".join("!" + chr(w ^ 0x8000) for w in hostile)
    assert words_bytes(text) == data
    plain = bytes(range(0x23, 0x5B)) * 2
    assert _payload(words_text([plain])[0]) == "0" + plain.decode("utf-16-be")


@given(st.lists(st.binary(max_size=300), max_size=8))
def test_words_round_trip_and_stay_inside_a_string(datas: list[bytes]) -> None:
    packed = words_text(datas)
    assert len(packed) == len(datas)
    for data, text in zip(datas, map(_payload, packed), strict=True):
        assert words_bytes(text) == data
        assert not FORBIDDEN & set(text)
        assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)
        assert len(text) <= 1 + (len(data) + 1) // 2 * 2


def test_words_of_a_large_block_cost_about_three_percent() -> None:
    import random

    data = random.Random(6).randbytes(200_000)
    text = _payload(words_text([data])[0])
    assert words_bytes(text) == data
    assert 2 * len(text) < 1.04 * len(data)


def test_rank_table_is_by_frequency_then_code_point() -> None:
    assert rank_table(["安全安全生产", "生产的"]) == "产全安生的"  # U+4EA7 < U+5168 < …
    assert rank_table([]) == "" and rank_table(["", ""]) == ""
    assert rank_table(["ba", "ab"], chunk=1) == "ab"


def test_rank_codes_take_one_two_or_four_bytes() -> None:
    table = "".join(chr(0x4E00 + n) for n in range(RANKED + 10))
    texts = [
        table[0],
        table[ONE_BYTE - 1],
        table[ONE_BYTE],
        table[RANKED - 1],
        table[RANKED],
        "𠀀",
        "",
    ]
    coded = rank_encode(texts, ranks(table[:RANKED]))
    assert coded[:2] == [b"\x00", bytes([ONE_BYTE - 1])]
    assert coded[2] == bytes([ONE_BYTE, 0])
    assert coded[3] == bytes([ESCAPE - 1, 0xFF])
    assert coded[4] == bytes([ESCAPE]) + (0x4E00 + RANKED).to_bytes(3, "big")
    assert coded[5] == bytes([ESCAPE]) + (0x20000).to_bytes(3, "big")
    assert coded[6] == b""
    assert [rank_decode(c, table[:RANKED]) for c in coded] == texts


def test_a_long_unit_round_trips() -> None:
    text = "".join(chr(0x4E00 + (n * 7919) % 20000) for n in range(60_000)) + '"\\\u2028𠀀'
    table = rank_table([text])
    assert len(table) == RANKED  # the rarest characters are escaped
    assert rank_decode(rank_encode([text], ranks(table))[0], table) == text


@given(st.lists(st.text(max_size=60), max_size=6), st.lists(st.text(max_size=30), max_size=3))
def test_rank_code_round_trips(texts: list[str], others: list[str]) -> None:
    table = rank_table(texts)
    coded = rank_encode(texts + others, ranks(table))  # characters outside the table too
    assert [rank_decode(c, table) for c in coded] == texts + others

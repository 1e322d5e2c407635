"""Reading sources: discovery, reliable decoding (real GBK bytes), normalisation, clear errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SOURCES
from speech_samples import SPEECH

from speechsite.errors import SourceError
from speechsite.model import ExtractionRecord
from speechsite.parse import parse
from speechsite.pipeline import process_source
from speechsite.read import decode_bytes, discover_sources, normalise, read_source
from speechsite.render.extraction import extraction_box
from speechsite.repair import fidelity, repair

ENCODINGS = {
    "utf-8": SPEECH.encode("utf-8"),
    "utf-8-sig": b"\xef\xbb\xbf" + SPEECH.encode("utf-8"),
    "gb18030": SPEECH.encode("gb18030"),
    "gbk": SPEECH.encode("gbk"),
    "utf-16-le": b"\xff\xfe" + SPEECH.encode("utf-16-le"),
    "utf-16-be": b"\xfe\xff" + SPEECH.encode("utf-16-be"),
}


def write(root: Path, name: str, data: bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_encoding_and_newline_gives_the_same_outline(
    tmp_path: Path, encoding: str, newline: str
) -> None:
    data = ENCODINGS[encoding]
    data = data.replace("\n".encode(_codec(encoding)), newline.encode(_codec(encoding)))
    source = read_source(write(tmp_path, "a.txt", data), tmp_path)
    reference = read_source(write(tmp_path, "b.txt", SPEECH.encode()), tmp_path)
    assert source.text == SPEECH
    assert parse(repair(source)).outline() == parse(repair(reference)).outline()


def _codec(encoding: str) -> str:
    return {"utf-8-sig": "utf-8", "gbk": "gbk"}.get(encoding, encoding)


def test_gbk_is_never_read_as_something_else(tmp_path: Path) -> None:
    text = "各位代表：现在，我代表县人民政府向大会报告工作。\n" * 3
    source = read_source(write(tmp_path, "gbk.txt", text.encode("gbk")), tmp_path)
    assert source.info.encoding == "gb18030"
    assert source.text == text


def test_seed_saved_as_gbk_parses_like_utf8(tmp_path: Path) -> None:
    seed = (SOURCES / "004_25a37519d5cc85c7.txt").read_text(encoding="utf-8")
    gbk = read_source(write(tmp_path, "gbk.txt", seed.encode("gb18030")), tmp_path)
    utf8 = read_source(SOURCES / "004_25a37519d5cc85c7.txt", SOURCES)
    assert parse(repair(gbk)).outline() == parse(repair(utf8)).outline()


def test_normalises_spaces_and_zero_width_characters() -> None:
    assert normalise("\u3000\u3000第一段\u00a0内容\u200b\ufeff\u2060。\r\n下\r一") == (
        "  第一段 内容。\n下\n一"
    )


def test_zero_width_characters_are_dropped_and_recorded_per_line(tmp_path: Path) -> None:
    """Scrapers and copy protection scatter zero-width spaces between characters: they are
    taken out (they would split words for search) and each line's are recorded, not silent."""
    text = "---\ntitle: 讲话\n---\n同志们：\n今\u200b天\u200b开\u2060会\ufeff。\n谢谢大家！\n"
    source = read_source(write(tmp_path, "a.txt", text.encode()), tmp_path)
    assert "\u200b" not in source.text and "今天开会。" in source.text
    assert source.info.extraction == (ExtractionRecord(
        "invisible", "第5行", "\u200b\u200b\u2060\ufeff", line=5,
        note="零宽空格 U+200B ×2、字连接符 U+2060 ×1、字节顺序标记 U+FEFF ×1"),)
    speech = process_source(source)
    assert fidelity.check(speech) == []
    box = BeautifulSoup(extraction_box(speech), "html.parser")
    assert box.select_one("summary").get_text() == "提取记录（1 处）"
    assert box.select_one("code.removed").get_text() == "⟨200B⟩⟨200B⟩⟨2060⟩⟨FEFF⟩"
    assert "读取时删去了文中的不可见字符" in box.select_one(".repairs-note").get_text()


def test_zero_width_characters_in_extracted_text_are_recorded_too(tmp_path: Path) -> None:
    page = "<html><body><p>同志们：</p><p>今\u200b天开会。</p></body></html>"
    source = read_source(write(tmp_path, "a.html", page.encode()), tmp_path)
    assert [(r.kind, r.removed) for r in source.info.extraction if r.kind == "invisible"] == [
        ("invisible", "\u200b")]
    assert "今天开会。" in source.text


def test_a_file_of_only_zero_width_characters_is_empty(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="^a.txt: empty file: no text to publish"):
        read_source(write(tmp_path, "a.txt", "\u200b\u200b\n\ufeff".encode()), tmp_path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "a.txt: empty file: no text to publish — write the speech into the file or delete it"),
        (b" \n\r\n", "a.txt: empty file: no text to publish — write the speech into the file or "
                     "delete it"),
        (b"\x89PNG\r\n\x1a\nxxxx", "a.txt: binary file, not text — only plain-text speeches "
                                  "(*.txt) belong in the sources folder"),
        (b"abc\x00def", "a.txt: binary file, not text — only plain-text speeches (*.txt) belong "
                        "in the sources folder"),
        ("café crème brûlée".encode("latin-1"), "a.txt: cannot decode: not UTF-8, UTF-16 or "
                                               "GB18030 — save the file as UTF-8"),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(SourceError) as error:
        read_source(write(tmp_path, "a.txt", data), tmp_path)
    assert str(error.value) == message


def test_broken_utf16_names_the_byte(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as error:
        read_source(write(tmp_path, "a.txt", b"\xff\xfe\x00\xd8"), tmp_path)
    assert str(error.value) == (
        "a.txt:1: cannot decode: invalid UTF-16 bytes at byte 2 — retype the damaged characters "
        "on this line and save the file as UTF-8")


def test_symlink_outside_the_sources_folder_is_refused(tmp_path: Path) -> None:
    outside = write(tmp_path, "outside/secret.txt", SPEECH.encode())
    root = tmp_path / "sources"
    root.mkdir()
    os.symlink(outside, root / "link.txt")
    with pytest.raises(SourceError) as error:
        read_source(root / "link.txt", root)
    assert str(error.value) == (
        "link.txt: symlink leads outside the sources folder — copy the file into the sources "
        "folder instead of linking to it")


def test_symlink_inside_the_sources_folder_is_read(tmp_path: Path) -> None:
    target = write(tmp_path, "a/real.txt", SPEECH.encode())
    os.symlink(target, tmp_path / "link.txt")
    assert read_source(tmp_path / "link.txt", tmp_path).text == SPEECH


def test_discovery_is_recursive_sorted_and_speech_formats_only(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a/b.txt", "taxonomy.yml", "glossary.yml", "b.yml",
                 ".hidden/x.txt", "notes.md", "photo.png"):
        write(tmp_path, name, SPEECH.encode())
    found = [p.relative_to(tmp_path).as_posix() for p in discover_sources(tmp_path)]
    assert found == ["a/b.txt", "a/z.txt", "b.txt", "notes.md"]


def test_cache_key_is_hash_then_path_and_follows_the_sidecar(tmp_path: Path) -> None:
    path = write(tmp_path, "s.txt", SPEECH.encode())
    plain = read_source(path, tmp_path)
    assert plain.cache_key == f"{plain.info.sha256}:s.txt"
    write(tmp_path, "s.yml", "title: 某讲话\n".encode())
    with_sidecar = read_source(path, tmp_path)
    assert with_sidecar.cache_key.endswith(":s.txt")
    assert with_sidecar.cache_key != plain.cache_key


def test_decode_reports_encoding_names() -> None:
    assert decode_bytes(ENCODINGS["utf-8-sig"], "x")[1] == "utf-8-sig"
    assert decode_bytes(ENCODINGS["utf-16-le"], "x")[1] == "utf-16"
    assert decode_bytes(ENCODINGS["utf-8"], "x")[1] == "utf-8"


def test_utf16_without_bom_is_recognised(tmp_path: Path) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        source = read_source(write(tmp_path, f"{codec}.txt", SPEECH.encode(codec)), tmp_path)
        assert (source.text, source.info.encoding) == (SPEECH, codec)


@pytest.mark.parametrize("data", ["000\x00\x80".encode(), "同志们\x00：今天".encode()])
def test_utf8_holding_a_nul_is_never_read_as_utf16(data: bytes) -> None:
    """Valid UTF-8 with a NUL reads as fluent-looking CJK in UTF-16 ('000\\x00\\x80' → '〰0胂',
    found by tests/test_fuzz.py): such bytes are UTF-8 with a stray NUL, refused with a reason."""
    with pytest.raises(SourceError) as raised:
        decode_bytes(data, "a.txt")
    assert str(raised.value).startswith(("a.txt: binary file", "a.txt:1: NUL byte (code 0) at byte"))


def test_unicode_line_separators_become_line_breaks() -> None:
    assert normalise("一\u2028二\u2029三\x85四") == "一\n二\n三\n四"

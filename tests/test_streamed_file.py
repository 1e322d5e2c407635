"""A static file made piece by piece (`StreamedFile`, output.py) is written as its pieces are
made, and reads whole the same; `data/corpus.json` is one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from speechsite.output import OutputFile, StaticFiles, StreamedFile

PIECES = (b'{"speeches":[', "\n讲话".encode(), b"\n]}\n")


def test_a_streamed_file_is_written_piece_by_piece(tmp_path: Path) -> None:
    target = tmp_path / "data" / "corpus.json"
    written_before: list[int] = []

    def pieces() -> Iterator[bytes]:
        for piece in PIECES:
            yield piece
            written_before.append(target.stat().st_size if target.exists() else -1)

    file = StreamedFile("data/corpus.json", pieces)
    assert StaticFiles(lambda: [file, OutputFile("data/x.csv", "a,b\r\n")]).write(tmp_path) == 2
    assert target.read_bytes() == b"".join(PIECES)
    assert written_before[0] == 0  # the file was open before its first piece was done with
    assert (tmp_path / "data" / "x.csv").read_bytes() == b"a,b\r\n"


def test_a_streamed_file_reads_whole_as_any_file() -> None:
    file = StreamedFile("data/corpus.json", lambda: iter(PIECES))
    whole = b"".join(PIECES)
    assert file.content == whole and file.as_bytes() == whole  # made again at each call
    assert file.path == "data/corpus.json" and not file.is_page

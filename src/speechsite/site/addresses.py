"""Page addresses of the speeches: readable, and stable once published.

A speech's page lives at `speeches/<address>/`. The address is its `slug:` when the metadata
gives one; else the one recorded for its source file in `addresses.yml` (in the sources
folder); else, for a speech published for the first time, its file name (ASCII as it is,
Chinese in pinyin) when the name means something, or the pinyin of its title
(year first when known) when the name is machine-made, a hash or a number such as
`002_06ac4de939bf3add.txt`. `mkdocs build` records every new address in `addresses.yml`, so a page
keeps its address when its title — above all an inferred one — changes later. A speech that
is given a new `slug:` moves, and every address it had before gets a redirect page:

    000_92ed66065ac2b4ae.txt:
      address: 2019-quan-xian-zong-zhi-xin-fang-wei-wen-he-an-quan-sheng-chan-gong-zuo
      previous: [000-92ed66065ac2b4ae]

Entries of files that are gone are kept: their addresses stay reserved.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from ..errors import DataFileError
from ..model import Address, Speech
from ..parse.ids import NAME_IN_PINYIN_LATER, file_stem, slug_of_name
from ..read.datafile import DataFile, compose, is_null
from ..slugs import SLUG, pinyin_of_all, pinyin_words

ADDRESSES_FILE = "addresses.yml"
LIMIT = 60  # characters of a computed address, cut at a syllable
_WRAPPERS = re.compile(r"^(?:讲话[：:]|在|关于)|(?:上的|的)?(?:讲话|致辞|发言|报告)$")
_HASH = re.compile(r"(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}")
_WORD = re.compile(r"[A-Za-z\u3400-\u9fff]")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_HEADER = """\
# The page address of each speech (speeches/<address>/), by source file. `mkdocs build`
# records a speech here when it is first published, so its address stays the same when its
# title changes: keep this file with the sources. To move a page, give the speech a `slug:`
# in its metadata; its previous addresses then redirect to the new one.
"""


Addresses = Mapping[str, Address]  # source path → its address


def load_addresses(path: Path) -> dict[str, Address]:
    """The recorded addresses; none when the file is not there. A malformed file raises
    `DataFileError` naming the line."""
    if not path.is_file():
        return {}
    data = compose(path, str(path))
    if data.root is None or is_null(data.root):
        return {}
    hint = "write one entry per source file: `name.txt:` then `address: …` (and `previous: […]`)"
    return {key.value: _entry(data, key.value, value) for key, value in data.mapping(data.root, "the file", hint)}


def _entry(data: DataFile, name: str, node: object) -> Address:
    hint = "write `address: …` and optionally `previous: [old-address, …]` under the file name"
    fields = {key.value: value for key, value in data.mapping(node, f"the entry of “{name}”", hint)}  # type: ignore[arg-type]
    for key in fields:
        if key not in ("address", "previous"):
            raise data.error(fields[key], f"unknown key “{key}” in the entry of “{name}”", hint)
    if "address" not in fields:
        raise data.error(node, f"the entry of “{name}” has no `address:`", hint)  # type: ignore[arg-type]
    addresses = [(data.text(fields["address"], "address"), fields["address"])]
    addresses += data.texts(fields["previous"], "previous") if "previous" in fields else []
    for value, where in addresses:
        if not value or not SLUG.fullmatch(value):
            raise data.error(where, f"invalid address “{value}” of “{name}”",
                             "use lowercase ASCII letters, digits and single hyphens")
    return Address(addresses[0][0] or "", tuple(value or "" for value, _ in addresses[1:]))


def assign_addresses(speeches: Iterable[Speech], recorded: Addresses) -> tuple[list[Speech], dict[str, Address]]:
    """Each speech at its address (given slug, recorded address, or computed from the title),
    and the record to keep: `recorded` plus the new and moved speeches."""
    record = dict(recorded)
    new = [s for s in speeches if not (s.meta.slug or s.source.path in recorded or readable_name(s.source.path))]
    speeches, pinyin = _named_in_pinyin(sorted(speeches, key=lambda speech: speech.source.path), recorded, new)
    given = {speech.meta.slug for speech in speeches if speech.meta.slug}
    named = {speech.slug for speech in speeches if readable_name(speech.source.path)} - {NAME_IN_PINYIN_LATER}
    taken = given | named | {entry.address for entry in recorded.values()}
    placed: list[Speech] = []
    for speech in speeches:
        entry, slug = recorded.get(speech.source.path), speech.meta.slug
        if slug:
            moved = (*entry.previous, entry.address) if entry else ()
            entry = Address(slug, tuple(dict.fromkeys(old for old in moved if old != slug)))
        elif entry is None and not readable_name(speech.source.path):
            entry = Address(_free(title_address(speech, pinyin[speech.source.path]), taken))
            taken.add(entry.address)
        elif entry is None:  # two files of one name get -2 and a warning later (pipeline)
            entry = Address(speech.slug)
        record[speech.source.path] = entry
        placed.append(speech if speech.slug == entry.address else replace(speech, slug=entry.address))
    return placed, record


def _named_in_pinyin(
    speeches: list[Speech], recorded: Addresses, new: list[Speech]
) -> tuple[list[Speech], dict[str, list[str]]]:
    """The speeches, those named in Chinese and published for the first time now with the
    pinyin of their file name as slug; and the pinyin of the titles of the `new` speeches
    (by path). Both are made in one short-lived process (slugs.pinyin_of_all)."""
    unnamed = [
        s for s in speeches
        if s.slug == NAME_IN_PINYIN_LATER and not s.meta.slug and s.source.path not in recorded
        and readable_name(s.source.path)
    ]  # fmt: skip
    words = pinyin_of_all([title_core(s) for s in new] + [file_stem(s.source.path) for s in unnamed])
    titles, names = words[:len(new)], words[len(new):]
    slugs = {s.source.path: slug_of_name(w) for s, w in zip(unnamed, names, strict=True)}
    named = [replace(s, slug=slugs[s.source.path]) if s.source.path in slugs else s for s in speeches]
    return named, dict(zip((s.source.path for s in new), titles, strict=True))


def redirects(speeches: Iterable[Speech], record: Addresses) -> dict[str, str]:
    """Old address → current address of each moved speech (unless a speech lives there now)."""
    speeches = list(speeches)
    live = {speech.slug for speech in speeches}
    moves: dict[str, str] = {}
    for speech in speeches:
        entry = record.get(speech.source.path)
        for old in entry.previous if entry else ():
            if old not in live:
                moves[old] = speech.slug
    return moves


def readable_name(path: str) -> bool:
    """A file name someone chose (good.txt, 县长讲话稿.txt), not one a machine made: without its
    hash-like runs (8+ hex digits) and digits, a word of letters or Chinese is left."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return bool(_WORD.search(_HASH.sub("", stem)))


def title_address(speech: Speech, pinyin: list[str] | None = None) -> str:
    """The pinyin of the title without 在…上的讲话 wrappers, the year first when known
    (`pinyin`: the words of its `title_core`, when already known)."""
    core = _stripped_title(speech)
    words = [str(speech.meta.year)] if speech.meta.year and str(speech.meta.year) not in core else []
    words += pinyin_words(core or speech.display_title) if pinyin is None else pinyin
    address = ""
    for word in words:
        part = _NOT_SLUG.sub("-", word.lower()).strip("-")
        if part and len(f"{address}-{part}") > LIMIT:
            break
        address = f"{address}-{part}" if address and part else address or part
    return address or "speech"


def title_core(speech: Speech) -> str:
    """The text whose pinyin makes the address: the title without 在…上的讲话 wrappers."""
    return _stripped_title(speech) or speech.display_title


def _stripped_title(speech: Speech) -> str:
    return _YEAR.sub(r"\1 ", _WRAPPERS.sub("", _WRAPPERS.sub("", speech.display_title.strip())))


def _free(address: str, taken: set[str]) -> str:
    candidate, n = address, 2
    while candidate in taken:
        candidate, n = f"{address}-{n}", n + 1
    return candidate


def addresses_yaml(record: Addresses) -> str:
    """The record as the text of addresses.yml (sorted by file; names quoted as JSON strings)."""
    lines = [_HEADER.rstrip("\n")]
    for path in sorted(record):
        entry = record[path]
        lines.append(f"{json.dumps(path, ensure_ascii=False)}:")
        lines.append(f"  address: {entry.address}")
        if entry.previous:
            lines.append(f"  previous: [{', '.join(entry.previous)}]")
    return "\n".join(lines) + "\n"


def record_addresses(folder: Path, record: Addresses) -> bool:
    """Write addresses.yml into the sources folder when the record changed; True if written."""
    path = folder / ADDRESSES_FILE
    text = addresses_yaml(record)
    try:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return False
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise DataFileError(str(path), None, f"cannot record the page addresses: {error.strerror}",
                            "make the sources folder writable, or keep an up-to-date addresses.yml in it") from error
    return True

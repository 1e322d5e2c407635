"""Discovery: every file under the sources folder is a speech, a data file, or a warning.

A speech is a file whose extension, in any letter case, is one of the formats in
`formats.FORMATS` (.txt .docx .pdf .html .htm .md). `.yml`/`.yaml` files are metadata
sidecars and data files. Anything else is reported, with what to do: a .doc or .wps is to be
converted to .docx, a .text renamed, a Word lock file (`~$…`) closed. Hidden files and
folders (names starting with a dot) are the only ones passed over, as documented.

File names that are not UTF-8 get a readable name (see names.py). Two speeches with the same
name in different formats (a.txt and a.docx) are both read, with a warning.

Symlinked folders are not entered (one inside the folder would read files twice, one leading
outside would publish files from elsewhere): each is reported. A folder that cannot be listed
(no permission, a path longer than the file system allows) is that folder's error.
"""

from __future__ import annotations

import errno
import os
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Diagnostic
from .formats import format_of, supported_extensions
from .names import escaped, readable_path

DATA_EXTENSIONS = frozenset({"yml", "yaml"})
LONG_PATH_HINT = "move the files into a folder with a shorter path, or shorten the names"
_CONVERT = "convert it to .docx, e.g. `soffice --headless --convert-to docx {name}`"
_UNSUPPORTED = {
    "doc": ("a Word 97–2003 document (.doc) cannot be read", _CONVERT + ", and remove the .doc"),
    "wps": ("a WPS document (.wps) cannot be read", _CONVERT + ", and remove the .wps"),
    "rtf": ("an RTF document cannot be read", _CONVERT + ", or save it as UTF-8 text (.txt)"),
    "text": ("the extension .text is not read", "rename the file to end in .txt"),
}


@dataclass(frozen=True)
class Found:
    """A speech file: where it is on disk, its readable relative name and its format."""

    path: Path
    name: str  # relative to the sources folder, forward slashes, readable
    format: str


@dataclass(frozen=True)
class Discovery:
    speeches: tuple[Found, ...]  # sorted by readable name
    diagnostics: tuple[Diagnostic, ...]


def discover(root: Path) -> Discovery:
    speeches: list[Found] = []
    diagnostics: list[Diagnostic] = []
    for path, name in _named(root, diagnostics):
        file_format = None if path.name.startswith("~$") else format_of(path.name)
        if file_format is not None:
            speeches.append(Found(path, name, file_format))
            continue
        warning = _not_a_speech(name)
        if warning is not None:
            diagnostics.append(warning)
    speeches.sort(key=lambda found: found.name)
    kept, clashes = _without_copy_clashes(speeches)
    return Discovery(tuple(kept), tuple(sorted(diagnostics + clashes + _same_stems(kept),
                                               key=lambda d: d.file)))


def discover_paths(root: Path) -> list[Path]:
    """The speech files below `root`, sorted by their readable relative names."""
    return [found.path for found in discover(root).speeches]


def _named(root: Path, problems: list[Diagnostic]) -> list[tuple[Path, str]]:
    """Every file with its readable relative name. UTF-8 names are taken first, so a GBK name
    that reads like one of them gets the lossless escaped form instead."""
    files = list(_walk(root, problems))
    taken = {"/".join(parts) for _, parts in files if readable_path(parts) == "/".join(parts)}
    named = []
    for path, parts in files:
        name = readable_path(parts)
        if name != "/".join(parts):
            name = name if name not in taken else "/".join(escaped(part) for part in parts)
            taken.add(name)
        named.append((path, name))
    return named


def _walk(root: Path, problems: list[Diagnostic]) -> Iterator[tuple[Path, tuple[str, ...]]]:
    """Files below root, hidden names left out; symlinked folders (not entered) and folders
    that cannot be listed are added to `problems`."""

    def unlistable(error: OSError) -> None:
        name = readable_path(Path(error.filename or root).relative_to(root).parts) + "/"
        hint = LONG_PATH_HINT if error.errno == errno.ENAMETOOLONG else "check its permissions"
        problems.append(Diagnostic("error", name, None, f"cannot list the folder: {error.strerror}", hint))

    resolved_root = root.resolve()
    for folder, subfolders, files in os.walk(root, onerror=unlistable):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        relative = Path(folder).relative_to(root).parts
        problems.extend(_linked_folder(Path(folder) / name, (*relative, name), resolved_root)
                        for name in subfolders if _is_link(Path(folder) / name))
        for file_name in files:
            if not file_name.startswith("."):
                yield Path(folder) / file_name, (*relative, file_name)


def _linked_folder(link: Path, parts: tuple[str, ...], resolved_root: Path) -> Diagnostic:
    name = readable_path(parts) + "/"
    target = link.resolve()
    if not target.is_relative_to(resolved_root):
        return Diagnostic("error", name, None, "symlinked folder leads outside the sources folder",
                          "copy the folder into the sources folder instead of linking to it")
    inside = readable_path(target.relative_to(resolved_root).parts)
    return Diagnostic("warning", name, None,
                      f"symlinked folder is not followed (its files are read in {inside}/)",
                      "remove the link")


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:  # a path too long to look at: listing it reports the problem
        return False


def _not_a_speech(name: str) -> Diagnostic | None:
    base = name.rsplit("/", 1)[-1]
    stem, dot, extension = base.rpartition(".")
    extension = extension.lower() if dot and stem else ""
    if extension in DATA_EXTENSIONS:
        return None
    if base.startswith("~$"):
        message, hint = ("a Word lock file (the document is open in Word) is not read",
                         "close the document in Word, or delete this file")
    elif extension in _UNSUPPORTED:
        message, hint = _UNSUPPORTED[extension]
    elif not extension:
        message, hint = ("a file without an extension is not read",
                         f"if it is a speech, add the extension of its format: {_listed()}")
    else:
        message, hint = (f"a .{extension} file is not a speech format and is not read",
                         f"speeches are {_listed()} files; move other files out of the "
                         "sources folder")
    return Diagnostic("warning", name, None, message, hint.format(name=shlex.quote(base)))


def _listed() -> str:
    return ", ".join(f".{extension}" for extension in supported_extensions())


def _key(found: Found) -> tuple[str, str]:
    folder, _, base = found.name.rpartition("/")
    return folder, base.rpartition(".")[0].lower()


def _same_stems(speeches: list[Found]) -> list[Diagnostic]:
    """a.txt and a.docx: both are read; the later ones get a warning naming the first."""
    first: dict[tuple[str, str], Found] = {}
    warnings = []
    for found in speeches:
        earlier = first.setdefault(_key(found), found)
        if earlier is not found:
            warnings.append(Diagnostic(
                "warning", found.name, None,
                f"same name as {earlier.name} in another format; both are published",
                "keep one of the two files, or rename one of them"))
    return warnings


def _without_copy_clashes(speeches: list[Found]) -> tuple[list[Found], list[Diagnostic]]:
    """`a.docx.txt` beside `a.docx` has the name of a.docx's extracted-text copy in the site."""
    names = {found.name.lower(): found.name for found in speeches if found.format != "txt"}
    kept, warnings = [], []
    for found in speeches:
        original = names.get(found.name[:-4].lower(), "")
        if found.format == "txt" and original:
            warnings.append(Diagnostic(
                "warning", found.name, None,
                f"has the name of the plain-text copy of {original} that the site makes; "
                "not read",
                "delete it if it is that copy, or rename it"))
        else:
            kept.append(found)
    return kept, warnings

"""The whole pipeline in one screen: read → repair → parse → annotate → render.

`build()` is what the MkDocs plugin and the CLI call. Each stage is a pure function of
its input; nothing here imports mkdocs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .annotate.annotations import AnnotationCache, Annotations, annotate
from .annotate.glossary import Glossary, load_glossary
from .annotate.reuse import Reuse, corpus_reuse
from .annotate.reuse_cache import ReuseCache
from .annotate.reuse_speeches_cache import SpeechReuseCache
from .annotate.taxonomy import Taxonomy, load_taxonomy
from .errors import DataFileError, SourceError
from .generators import render_site
from .heap import fewer_collections, return_free_memory
from .memo import PageMemo
from .model import Corpus, Diagnostic, Speech
from .output import SiteOutput
from .parse.structure import parse
from .read.discover import discover
from .read.formats.cache import ExtractionCache
from .read.sources import RawSource, SourceText, decode_raw, read_raw
from .read.stamps import FileStamps
from .repair.repairs import repair
from .repair.suspect import with_suspect_warnings
from .site.addresses import ADDRESSES_FILE, assign_addresses, load_addresses
from .user_cache import user_cache_folder

NO_CACHE = "SPEECHSITE_NO_CACHE"  # set (to anything) to extract every PDF and Word file afresh
# The plugin's settings and their defaults (paths relative to the folder of mkdocs.yml).
DEFAULT_SOURCES = "source_texts"
DEFAULT_TAXONOMY = "source_texts/taxonomy.yml"
DEFAULT_GLOSSARY = "source_texts/glossary.yml"


@dataclass(frozen=True)
class Options:
    sources: Path
    taxonomy: Path | None = None
    glossary: Path | None = None
    site_url: str = ""
    site_name: str = ""  # for the feeds' titles and author
    # Extracted text of PDF and Word files kept on disk between builds (read/formats/cache.py).
    extraction_cache: Path | None = None

    def watched(self) -> list[Path]:
        """What `mkdocs serve` watches besides docs/: the sources and the data files."""
        return [path for path in (self.sources, self.taxonomy, self.glossary) if path is not None and path.exists()]


def site_options(
    root: Path, sources: str, taxonomy: str | None, glossary: str | None, site_url: str = "", site_name: str = ""
) -> Options:
    """Options from the plugin's settings, relative to `root` (None: the default data file);
    a data file that is not there is left out (the site builds without topics or glossary)."""
    taxonomy_path, glossary_path = root / (taxonomy or DEFAULT_TAXONOMY), root / (glossary or DEFAULT_GLOSSARY)
    return Options(
        sources=root / sources,
        taxonomy=taxonomy_path if taxonomy_path.exists() else None,
        glossary=glossary_path if glossary_path.exists() else None,
        site_url=site_url,
        site_name=site_name,
        extraction_cache=None if os.environ.get(NO_CACHE) else user_cache_folder() / "extracted",
    )


@dataclass(frozen=True)
class Build:
    corpus: Corpus
    annotations: Annotations
    taxonomy: Taxonomy
    glossary: Glossary
    site: SiteOutput
    reuse: Reuse = Reuse()


# Keyed by RawSource.cache_key (hash of the bytes, of the sidecar, and the path): a file
# that did not change is neither decoded, extracted nor parsed again.
SpeechCache = dict[str, Speech]


@dataclass
class DataFilesMemo:
    """The taxonomy and glossary as last loaded, with the bytes they were loaded from: a
    rebuild whose data files did not change neither parses them again nor starts a process
    for the pinyin of the terms without `slug:` (slugs.py)."""

    contents: tuple[str | bytes | None, ...] | None = None
    loaded: tuple[Taxonomy, Glossary, tuple[Diagnostic, ...]] | None = None

    def load(self, options: Options) -> tuple[Taxonomy, Glossary, tuple[Diagnostic, ...]]:
        contents = (str(options.taxonomy), _contents(options.taxonomy), str(options.glossary), _contents(options.glossary))
        if self.loaded is None or contents != self.contents:
            self.contents, self.loaded = contents, load_data_files(options)
        return self.loaded


def _contents(path: Path | None) -> bytes | None:
    try:
        return path.read_bytes() if path is not None else None
    except OSError:  # gone or unreadable: loading it says so
        return None


@dataclass
class Caches:
    """What a long-lived caller keeps between builds (the plugin, across `mkdocs serve`
    rebuilds): parsed speeches, their annotations and — under serve — the generated pages'
    Markdown. Mutable on purpose: it lives as long as the plugin instance."""

    speeches: SpeechCache = field(default_factory=dict)
    stamps: FileStamps = field(default_factory=FileStamps)  # which source files changed
    annotations: AnnotationCache = field(default_factory=AnnotationCache)
    pages: PageMemo | None = None
    reuse: ReuseCache | None = None  # under serve: paragraphs and sentences for passage reuse
    speech_reuse: SpeechReuseCache | None = None  # under serve: the speech-pair summary's parts
    data_files: DataFilesMemo = field(default_factory=DataFilesMemo)  # the taxonomy and glossary

    def serve(self) -> None:
        """Keep what only `mkdocs serve` rebuilds reuse: the pages' Markdown, reuse summaries."""
        self.pages, self.reuse, self.speech_reuse = PageMemo(), ReuseCache(), SpeechReuseCache()

    def prune(self, corpus: Corpus) -> None:
        """Forget speeches whose sources are gone, so a long serve session does not grow."""
        # By the cached speech's own source, not the key: a key with a sidecar hashes both files.
        live = {(speech.source.path, speech.source.sha256) for speech in corpus.speeches}
        for key, speech in list(self.speeches.items()):
            if (speech.source.path, speech.source.sha256) not in live:
                del self.speeches[key]


# Data files at the top of the sources folder: never the sidecar of a speech of the same stem.
DATA_FILE_NAMES = ("taxonomy.yml", "glossary.yml", ADDRESSES_FILE)


def process_source(source: SourceText) -> Speech:
    """repair → parse one source text that has been read (plus a warning if not a speech)."""
    return with_suspect_warnings(parse(repair(source)))


def read_corpus(
    sources: Path, cache: SpeechCache | None = None, data_files: Iterable[Path | None] = (),
    extractions: ExtractionCache | None = None, stamps: FileStamps | None = None,
) -> Corpus:
    """read → repair → parse every source; a file that fails becomes an error, the rest go on.
    `data_files` (the taxonomy and glossary) are never read as a speech's sidecar. With
    `stamps` (and a `cache`), a file whose stamp did not change is not read again."""
    speeches: list[Speech] = []
    keys: dict[str, str] = {}
    found = discover(sources)
    diagnostics: list[Diagnostic] = list(found.diagnostics)
    reserved = _data_files(sources, data_files)
    if stamps is not None:
        stamps.begin(reserved)
    for speech_file in found.speeches:
        stamp, taken, key = stamps.check(speech_file.path) if stamps is not None else (None, 0, None)
        speech = cache.get(key) if key is not None and cache is not None else None
        try:
            if speech is None or key is None:
                raw = read_raw(speech_file.path, sources, speech_file.name, reserved)
                speech = _cached(cache, raw, lambda raw: process_source(decode_raw(raw, extractions)))
                key = raw.cache_key
                if stamps is not None:
                    stamps.record(speech_file.path, stamp, taken, key)
        except SourceError as error:
            diagnostics.append(error.diagnostic)
            continue
        speeches.append(speech)
        diagnostics.extend(_data_file_beside(speech_file.path, speech_file.name, reserved))
        keys[speech.source.path] = key
        diagnostics.extend(speech.diagnostics)
    if stamps is not None:
        stamps.finish()
    placed, addresses = assign_addresses(speeches, load_addresses(sources / ADDRESSES_FILE))
    if cache is not None:  # cache each speech at its address: the next build reuses the object
        cache.update((keys[speech.source.path], speech) for speech in placed)
    unique, slug_warnings = _unique_slugs(placed)
    return Corpus(tuple(unique), tuple(diagnostics + slug_warnings), addresses)


def _data_files(sources: Path, given: Iterable[Path | None]) -> frozenset[Path]:
    paths = [sources / name for name in DATA_FILE_NAMES] + [path for path in given if path]
    return frozenset(path.resolve() for path in paths)


def _data_file_beside(path: Path, name: str, reserved: frozenset[Path]) -> list[Diagnostic]:
    """A speech `taxonomy.txt` beside `taxonomy.yml`: that file is not its sidecar — say so."""
    beside = path.with_suffix(".yml")
    # Resolving is a system call per folder of the path: only for a sidecar that is there.
    if not beside.exists() or beside.resolve() not in reserved:
        return []
    return [Diagnostic("warning", name, None,
                       f"{beside.name} beside it is a data file (taxonomy or glossary), "
                       "not this speech's metadata",
                       "rename the speech to give it a sidecar, or write its metadata as front matter")]


def build(options: Options, caches: Caches | None = None) -> Build:
    """The whole site from the sources; the caches (kept by `mkdocs serve` across rebuilds)
    spare parsing, annotating and generating the pages of the speeches that did not change."""
    extractions = ExtractionCache(options.extraction_cache) if options.extraction_cache else None
    speeches, stamps = (caches.speeches, caches.stamps) if caches else (None, None)
    with fewer_collections():  # the steps that keep most of what they make (heap.py)
        corpus = read_corpus(options.sources, speeches, (options.taxonomy, options.glossary), extractions, stamps)
        taxonomy, glossary, problems = caches.data_files.load(options) if caches else load_data_files(options)
        if problems:
            corpus = replace(corpus, diagnostics=corpus.diagnostics + problems)
        annotations = annotate(corpus, taxonomy, glossary, caches.annotations if caches else None)
        reuse = corpus_reuse(corpus, cache=caches.reuse if caches else None)
    return_free_memory()  # what passage reuse's smaller blocks left free in the heap
    site = render_site(
        corpus, annotations, taxonomy, glossary, site_url=options.site_url, sources=options.sources,
        reuse=reuse, site_name=options.site_name, memo=caches.pages if caches else None,
        speech_reuse_cache=caches.speech_reuse if caches else None,
    )  # fmt: skip
    return Build(corpus, annotations, taxonomy, glossary, site, reuse)


def load_data_files(options: Options) -> tuple[Taxonomy, Glossary, tuple[Diagnostic, ...]]:
    """The taxonomy and the glossary. A malformed one is a warning naming its line, and the
    site is built without it (no topics, or no glossary terms) rather than not at all: an
    editor's slip in a shared data file must not take every speech offline."""
    problems: list[Diagnostic] = []
    try:
        taxonomy = load_taxonomy(options.taxonomy)
    except DataFileError as error:
        taxonomy = Taxonomy()
        problems.append(_left_out(error, "without topics"))
    try:
        glossary = load_glossary(options.glossary, known_topics={t.slug for t in taxonomy.topics})
    except DataFileError as error:
        glossary = Glossary()
        problems.append(_left_out(error, "without glossary terms"))
    return taxonomy, glossary, tuple(problems)


def _left_out(error: DataFileError, without: str) -> Diagnostic:
    found = error.diagnostic
    hint = f"{found.hint}; " if found.hint else ""
    return replace(found, level="warning", hint=f"{hint}until then the site is built {without}")


def _cached(
    cache: SpeechCache | None, raw: RawSource, stage: Callable[[RawSource], Speech]
) -> Speech:
    if cache is None:
        return stage(raw)
    key = raw.cache_key
    if key not in cache:
        cache[key] = stage(raw)
    return cache[key]


def _unique_slugs(speeches: Iterable[Speech]) -> tuple[list[Speech], list[Diagnostic]]:
    """Two sources with the same slug: the later one (by path) gets -2, -3 … and a warning
    (unless they share a name, a.txt and a.docx: discovery has warned about that already)."""
    seen: dict[str, str] = {}
    unique: list[Speech] = []
    warnings: list[Diagnostic] = []
    for speech in sorted(speeches, key=lambda s: s.source.path):
        slug, n = speech.slug, 2
        while slug in seen:
            slug, n = f"{speech.slug}-{n}", n + 1
        if slug != speech.slug:
            if not _same_stem(speech.source.path, seen[speech.slug]):
                warnings.append(
                    Diagnostic(
                        "warning",
                        speech.source.path,
                        None,
                        f"slug “{speech.slug}” is already used by {seen[speech.slug]}; "
                        f"this speech is published as “{slug}”",
                        "give one of them a different `slug:` in its front matter",
                    )
                )
            speech = replace(speech, slug=slug)
        seen[slug] = speech.source.path
        unique.append(speech)
    return unique, warnings


def _same_stem(path: str, other: str) -> bool:
    return path.rpartition(".")[0].lower() == other.rpartition(".")[0].lower()

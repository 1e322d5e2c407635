"""Render the whole site: every generator contributes its files to one `SiteOutput`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..annotate import Annotations
from ..glossary import Glossary
from ..model import Corpus
from ..output import OutputFile, SiteOutput
from ..taxonomy import Taxonomy


@dataclass(frozen=True)
class RenderContext:
    corpus: Corpus
    annotations: Annotations
    taxonomy: Taxonomy
    glossary: Glossary
    site_url: str = ""


Generator = Callable[[RenderContext], Iterable[OutputFile]]


def generators() -> tuple[Generator, ...]:
    """Each feature's page generator, in the order their files are added."""
    return ()


def render_site(
    corpus: Corpus,
    annotations: Annotations,
    taxonomy: Taxonomy,
    glossary: Glossary,
    site_url: str = "",
) -> SiteOutput:
    context = RenderContext(corpus, annotations, taxonomy, glossary, site_url)
    files = [file for generate in generators() for file in generate(context)]
    return SiteOutput(tuple(files))

"""Experiment behind a finding in BENCHMARKS.md — not used by the site.

An MkDocs hook that does what the `speeches` plugin does, except that the generators of
static files (search index, corpus.json, CSV exports, raw source copies) run in a forked
process that writes them straight into `site_dir` while MkDocs renders the pages on the
other core. It builds the same site, file for file, on a 2-core machine in less time.

    # in a benchmark folder built by run.py (benchmarks/out/n2000):
    #   copy mkdocs.yml, drop the `speeches` plugin, add
    #   hooks: [/work/main/benchmarks/parallel_static_hook.py]
    NO_MKDOCS_2_WARNING=1 .venv/bin/python -m mkdocs build -f mkdocs-par.yml

What a product version would still need: a failing child must fail the build; no fork under
`mkdocs serve` (threads) or where fork does not exist; the static files must still be known
to MkDocs (links to them in Markdown pages are validated — here `data.md` warns five times).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from speechsite import pipeline
from speechsite.annotate import annotate
from speechsite.glossary import load_glossary
from speechsite.render import site as render_site
from speechsite.taxonomy import load_taxonomy

STATIC = {"search_files", "corpus_data", "csv_exports", "source_copies"}
TEMPLATES = Path(render_site.__file__).parent.parent / "templates"
_children: list[int] = []


def on_config(config: Any) -> Any:
    config.theme.dirs.insert(0, str(TEMPLATES))
    return config


def on_files(files: Files, config: Any) -> Files:
    sources = Path(config.config_file_path).parent / "source_texts"
    corpus = pipeline.read_corpus(sources)
    taxonomy = load_taxonomy(sources / "taxonomy.yml")
    glossary = load_glossary(sources / "glossary.yml")
    context = render_site.RenderContext(
        corpus, annotate(corpus, taxonomy, glossary), taxonomy, glossary, "", sources
    )
    generators = render_site.generators()
    pid = os.fork()
    if pid == 0:  # the child writes the static files and exits
        for generate in generators:
            if generate.__name__ in STATIC:
                for output in generate(context):
                    target = Path(config.site_dir) / output.path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(output.as_bytes())
        os._exit(0)
    _children.append(pid)
    assets = []
    for generate in generators:
        if generate.__name__ not in STATIC:
            for output in generate(context):
                files.append(File.generated(config, output.path, content=output.content))
                if output.path.startswith("assets/"):
                    assets.append(output.path)
    config.extra_css.extend(sorted(p for p in assets if p.endswith(".css")))
    config.extra_javascript.extend(sorted(p for p in assets if p.endswith(".js")))
    return files


def on_post_build(config: Any) -> None:
    while _children:
        os.waitpid(_children.pop(), 0)

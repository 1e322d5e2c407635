"""Edit → reload under `mkdocs serve`: how long after a saved edit the page shows it.

    python benchmarks/bench_serve.py --sizes 500 2000 [--edits 5] [--out benchmarks/out]

For each size it generates the corpus (benchmarks/corpus.py), starts `mkdocs serve` on it and
waits for the first build and for the static files (search index, data files) to be made.
Then, `--edits` times, it appends a sentence with a new marker to one paragraph of a speech,
saves the file and polls the speech's page at its URL until the page holds the marker — the
seconds from the save to then are the edit→reload time — then waits until the search index
has been refreshed in the background (`search/refreshing.json` gone), timing that too.
Writes serve-results.json into the output folder and prints the medians.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import configs
import corpus
import measure

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from speechsite.pipeline import read_corpus  # noqa: E402
from speechsite.site.urls import html_path  # noqa: E402

REFRESHING = "search/refreshing.json"


def main(argv: list[str] | None = None) -> int:
    args = measure.edit_loop_parser(__doc__.split("\n")[0], edits=5).parse_args(argv)
    results = {"machine": measure.machine(), "rows": []}
    args.out.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        row = measure_serve(size, args.out.resolve() / f"serve{size}", args.seed, args.edits)
        results["rows"].append(row)
        (args.out / "serve-results.json").write_text(json.dumps(results, indent=2), "utf-8")
        print(
            f"{size} speeches: first build {row['first_build_s']:.1f} s; edit→reload median "
            f"{row['reload_median_s']:.2f} s (each: {', '.join(f'{s:.2f}' for s in row['reload_s'])}); "
            f"search index refreshed after a median {row['refresh_median_s']:.1f} s",
            flush=True,
        )
    return 0


def measure_serve(size: int, work: Path, seed: int, edits: int) -> dict[str, Any]:
    corpus.write_corpus(size, work, seed)
    measure.copy_docs(work / "docs")
    config = configs.write_config(
        configs.full_config(configs.load_repo_config(), work / "docs", work / "site"), work / "mkdocs.yml"
    )
    target = _speech_to_edit(work / "source_texts")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    page_url = base + html_path(f"speeches/{target[1]}/index.md")
    log = (work / "serve.log").open("w")
    started = time.monotonic()
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=work, stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
    try:
        _wait_for(lambda: _get(page_url) is not None, timeout=3600)
        first_build = time.monotonic() - started
        _wait_for(lambda: _get(base + REFRESHING) is None and _get(base + "search/manifest.js") is not None, 3600)
        reloads, refreshes = [], []
        source = target[0]
        original = source.read_text("utf-8")
        for n in range(edits):
            marker = f"编辑计时标记{n}号"
            saved = time.monotonic()
            source.write_text(original.replace("。", f"。{marker}。", 1), "utf-8")
            _wait_for(lambda marker=marker: marker in (_get(page_url) or ""), timeout=600)
            reloads.append(time.monotonic() - saved)
            print(f"  {size}: edit {n + 1}: page shows it after {reloads[-1]:.2f} s", flush=True)
            _wait_for(lambda: _get(base + REFRESHING) is None, timeout=600)
            refreshes.append(time.monotonic() - saved)
            time.sleep(1.0)
        source.write_text(original, "utf-8")
    finally:
        _stop(server)
        log.close()
    return {
        "size": size, "first_build_s": first_build, "reload_s": reloads, "refresh_s": refreshes,
        "reload_median_s": statistics.median(reloads), "refresh_median_s": statistics.median(refreshes),
        "load": os.getloadavg()[0],
    }


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop `mkdocs serve` (it finishes a rebuild under way first; then it is killed)."""
    os.killpg(server.pid, signal.SIGINT)
    try:
        server.wait(timeout=300)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _speech_to_edit(sources: Path) -> tuple[Path, str]:
    """A speech in the middle of the corpus, and its slug."""
    speeches = read_corpus(sources).speeches
    speech = speeches[len(speeches) // 2]
    return sources / speech.source.path, speech.slug


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(condition: Any, timeout: float, every: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out after {timeout} s")
        time.sleep(every)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


if __name__ == "__main__":
    raise SystemExit(main())

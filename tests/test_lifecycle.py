"""The build's processes and its site folder: the forked writer dies with the build process,
a build into a folder holding an earlier (or interrupted) build leaves none of its files,
two builds never write into one folder at once, and a file the file system cannot hold is a
warning naming it, not a failed build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitebuild import MKDOCS, ROOT, make_project
from test_determinism import tree

from speechsite.background import BackgroundWriter
from speechsite.output import FileGroup, OutputFile, StaticFiles
from speechsite.site.build_folder import LOCK_NAME, SiteFolderBusy, SiteLock, prune

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="the writer forks only on POSIX systems other than macOS"
)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}

# A process that starts a writer whose static files take a minute, prints the writer's pid
# and waits: the test then stops it as a CI cancel would.
_PARENT = """
import sys, time
from pathlib import Path
from speechsite.background import BackgroundWriter
from speechsite.output import FileGroup, OutputFile, StaticFiles

def slow():
    time.sleep(60)
    yield OutputFile("search/late.js", "late")

writer = BackgroundWriter.start(FileGroup(lambda: ()), StaticFiles(slow, (), ("search/",)), Path(sys.argv[1]))
writer.pages()
print(writer.pid, flush=True)
time.sleep(60)
"""


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a reaper (a container's init may not reap)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGKILL])
def test_the_writer_dies_with_its_parent(tmp_path: Path, signal_number: int) -> None:
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    child = 0
    try:
        child = int(parent.stdout.readline())  # type: ignore[union-attr]
        assert alive(child)
        parent.send_signal(signal_number)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 2
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(child)
        assert not (tmp_path / "search" / "late.js").exists()
    finally:
        parent.kill()
        parent.wait()
        parent.stdout.close()  # type: ignore[union-attr]
        if child and alive(child):
            os.kill(child, signal.SIGKILL)  # never leave the test's own writer behind


def test_a_path_too_long_is_a_warning_naming_the_file(tmp_path: Path) -> None:
    long_name = "长" * 90 + ".txt"  # 274 bytes: more than a file name may have
    files = (OutputFile("sources/ok.txt", "好"), OutputFile(f"sources/{long_name}", "长"))
    writer = BackgroundWriter.start(FileGroup(lambda: ()), StaticFiles(lambda: files), tmp_path)
    writer.pages()
    assert writer.wait() == (
        f"{tmp_path}/sources/{long_name}: not written: File name too long — build into a folder "
        "with a shorter path, or shorten the source file's name",
    )
    assert (tmp_path / "sources" / "ok.txt").read_text() == "好"


def test_a_second_build_into_a_locked_folder_stops_at_once(tmp_path: Path) -> None:
    lock = SiteLock.take(tmp_path / "site")
    with pytest.raises(SiteFolderBusy) as raised:
        SiteLock.take(tmp_path / "site")
    assert str(raised.value) == (
        f"{tmp_path / 'site'}: another build is writing into this folder — wait for it to finish, "
        "or build into another folder (`mkdocs build -d <folder>`)"
    )
    lock.release()
    assert not (tmp_path / "site" / LOCK_NAME).exists()  # the published site does not carry it
    SiteLock.take(tmp_path / "site").release()


def test_prune_removes_what_this_build_did_not_make(tmp_path: Path) -> None:
    for path in ("speeches/a/index.html", "speeches/gone/index.html", "data/topics.json", "other/x.html"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x")
    assert prune(tmp_path, {"speeches/a/index.html"}) == ["data/topics.json", "speeches/gone/index.html"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "other/x.html", "speeches/a/index.html"]
    assert not (tmp_path / "speeches" / "gone").exists()


# Through real builds -----------------------------------------------------------------------

SPEECH = "在全县第{n}次工作会议上的讲话\n同志们：\n今天召开第{n}次会议，研究安全生产和信访维稳工作。\n一、提高认识\n要把第{n}项任务落到实处。\n"


def small_project(folder: Path, count: int, prefix: str) -> Path:
    """The repository's site setup with `count` generated small speeches."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs")
    sources = folder / "source_texts"
    sources.mkdir()
    for data in ("taxonomy.yml", "glossary.yml"):
        shutil.copy(ROOT / "source_texts" / data, sources / data)
    for n in range(1, count + 1):
        (sources / f"{prefix}-{n:03d}.txt").write_text(SPEECH.format(n=n), encoding="utf-8")
    return folder


def mkdocs(project: Path, site: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MKDOCS), "build", *flags, "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, env=ENV, cwd=project, timeout=600, check=False,
    )


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.slow
def test_an_interrupted_build_leaves_no_writer_and_nothing_in_the_next_build(tmp_path: Path) -> None:
    """SIGTERM to `mkdocs build` of 300 speeches while its writer works: 2 s later no writer
    is left, and the next build into the folder holds exactly the files of its own corpus."""
    big = small_project(tmp_path / "big", 300, "old")
    site = tmp_path / "site"
    build = subprocess.Popen([str(MKDOCS), "build", "-f", str(big / "mkdocs.yml"), "-d", str(site)],
                             env=ENV, cwd=big, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        writers: list[int] = []
        deadline = time.monotonic() + 300
        while not writers and build.poll() is None and time.monotonic() < deadline:
            writers = children(build.pid)
            time.sleep(0.01)
        assert writers, "the build forked no writer"
        build.send_signal(signal.SIGTERM)
        build.wait(timeout=30)
    finally:
        build.kill()
        build.wait()
    time.sleep(2)
    assert [pid for pid in writers if alive(pid)] == []
    small = small_project(tmp_path / "small", 3, "new")
    assert mkdocs(small, site).returncode == 0
    assert mkdocs(small, tmp_path / "fresh").returncode == 0
    assert tree(site) == tree(tmp_path / "fresh")


def test_a_dirty_build_leaves_nothing_of_the_earlier_corpus(tmp_path: Path) -> None:
    """`mkdocs build --dirty` does not empty the folder: the plugin removes the speech pages,
    source copies, search shards and data an earlier build made that this one does not."""
    site = tmp_path / "site"
    assert mkdocs(small_project(tmp_path / "before", 12, "old"), site).returncode == 0
    assert (site / "sources" / "old-012.txt").exists()
    small = small_project(tmp_path / "after", 3, "new")
    result = mkdocs(small, site, "--dirty")
    assert result.returncode == 0, result.stderr
    assert mkdocs(small, tmp_path / "fresh").returncode == 0
    assert sorted(tree(site)) == sorted(tree(tmp_path / "fresh"))
    assert not (site / LOCK_NAME).exists()


def test_a_build_into_a_folder_another_build_holds_fails_naming_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    lock = SiteLock.take(tmp_path / "site")
    try:
        result = mkdocs(project, tmp_path / "site")
    finally:
        lock.release()
    assert result.returncode == 1
    assert (f"ERROR   -  {tmp_path / 'site'}: another build is writing into this folder — wait for it "
            "to finish, or build into another folder (`mkdocs build -d <folder>`)") in result.stderr

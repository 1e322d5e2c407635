"""Titles and page addresses: a speech without a title line gets an inferred title (never its
file name), and its page address is readable and stays put once recorded (site/addresses.py)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import SEEDS, pinyin_imported_in_a_fresh_process
from test_metadata import speech

from speechsite.errors import DataFileError
from speechsite.model import Address
from speechsite.pipeline import Options, build, read_corpus
from speechsite.site import addresses
from speechsite.site.addresses import (
    ADDRESSES_FILE,
    addresses_yaml,
    load_addresses,
    record_addresses,
    title_address,
)
from speechsite.slugs import pinyin_of_all, pinyin_words

BODY = "一、提高认识\n安全生产责任重于泰山。\n二、压实责任\n各乡镇要守土有责。\n"


@pytest.mark.parametrize(("text", "title"), [
    ("同志们：\n今天，我们召开全县防汛工作会议。\n" + BODY, "在全县防汛工作会议上的讲话"),
    ("同志们：\n我就全县综治信访维稳工作讲几点意见。\n" + BODY, "关于全县综治信访维稳工作的讲话"),
    ("这次会议的主要任务是深入贯彻落实市委关于平安建设和社会治理现代化有关会议精神。\n" + BODY,
     "关于平安建设和社会治理现代化的讲话"),
    ("同志们：\n刚才几位同志讲得很好。\n" + BODY, "讲话：提高认识"),
    ("同志们：\n刚才几位同志讲得很好，大家要抓好落实。\n", "讲话：同志们"),
])
def test_a_text_without_a_title_line_gets_an_inferred_title(text: str, title: str) -> None:
    parsed = speech(text, "002_06ac4de939bf3add.txt")
    assert parsed.title is None
    assert parsed.display_title == title
    assert parsed.meta.is_inferred("title")


def test_seed_002_is_titled_by_its_subject_not_its_file_name() -> None:
    corpus = read_corpus(SEEDS)
    titles = {s.source.path: s.display_title for s in corpus.speeches}
    assert titles["002_06ac4de939bf3add.txt"] == "关于平安建设和社会治理现代化的讲话"
    assert not any(title.endswith(".txt") for title in titles.values())


@pytest.mark.parametrize(("title", "date", "address"), [
    ("在2023年综治安全工作会议上的讲话", None, "2023-zong-zhi-an-quan-gong-zuo-hui-yi"),
    ("关于防溺水工作的讲话", "2021-06-01", "2021-fang-ni-shui-gong-zuo"),
    ("讲话：提高认识", None, "ti-gao-ren-shi"),
    ("在全县社会治理六项重点工作攻坚行动总结调度会上的讲话", None,
     "quan-xian-she-hui-zhi-li-liu-xiang-zhong-dian-gong-zuo-gong"),
])
def test_an_address_is_the_pinyin_of_the_title(title: str, date: str | None, address: str) -> None:
    front = f"---\ntitle: {title}\n" + (f"date: {date}\n" if date else "") + "---\n"
    assert title_address(speech(front + BODY)) == address
    assert len(address) <= 60


def _project(folder: Path, text: str, name: str = "0001.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


NAMES = ["一岗双责", "“321”基层治理模式", "2023 综治信访维稳", "重庆 长江", "Z 区", "", "孤\ud800字"]


def test_the_pinyin_of_many_names_is_made_in_a_process_of_its_own_with_the_same_words() -> None:
    assert pinyin_of_all(NAMES) == [pinyin_words(name) for name in NAMES]
    assert pinyin_of_all(NAMES)[0] == ["yi", "gang", "shuang", "ze"] and pinyin_of_all([]) == []


def test_the_pinyin_is_made_here_when_no_process_can_be_started(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    assert pinyin_of_all(NAMES) == [pinyin_words(name) for name in NAMES]


def test_a_first_build_addresses_its_speeches_without_importing_pypinyin(tmp_path: Path) -> None:
    """pypinyin's dictionaries (≈ 58 MB) would stay in the build process and its forked writer."""
    imported, slugs = _read_in_a_fresh_process(SEEDS, "sorted(s.slug for s in corpus.speeches)")
    assert not imported
    assert "ping-an-jian-she-he-she-hui-zhi-li-xian-dai-hua" in slugs
    assert sorted(s.slug for s in read_corpus(SEEDS).speeches) == slugs


def _read_in_a_fresh_process(folder: Path, shown: str) -> tuple[bool, Any]:
    """Whether reading `folder` in a fresh interpreter imported pypinyin, and the value of
    `shown` (a Python expression over `corpus`) there."""
    statements = f"from speechsite.pipeline import read_corpus; corpus = read_corpus(Path({str(folder)!r}))"
    return pinyin_imported_in_a_fresh_process(statements, shown)


CHINESE_NAMES = {"防汛讲话.txt": "fang-xun-jiang-hua", "县长 讲话稿（2024）.txt": "xian-zhang-jiang-hua-gao-2024",
                 "_draft.txt": "draft", "２０２３.txt": "quan-xian-fang-xun-gong-zuo-hui-yi"}


def test_speeches_named_in_chinese_get_their_pinyin_without_pypinyin_in_the_build(tmp_path: Path) -> None:
    """A corpus of Chinese file names, the usual case, would otherwise load the dictionaries
    (≈ 58 MB) while parsing, one name at a time; the last name has no word: its title is used."""
    for name in CHINESE_NAMES:
        _project(tmp_path, "同志们：\n今天，我们召开全县防汛工作会议。\n" + BODY, name)
    imported, slugs = _read_in_a_fresh_process(tmp_path, "{s.source.path: s.slug for s in corpus.speeches}")
    assert not imported
    assert slugs == CHINESE_NAMES
    assert {s.source.path: s.slug for s in read_corpus(tmp_path).speeches} == CHINESE_NAMES


def test_a_recorded_chinese_name_needs_no_pinyin_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = _project(tmp_path, "同志们：\n今天，我们召开全县防汛工作会议。\n" + BODY, "防汛讲话.txt")
    record_addresses(sources, read_corpus(sources).addresses)
    assert _read_in_a_fresh_process(sources, "[s.slug for s in corpus.speeches]") == (False, ["fang-xun-jiang-hua"])
    asked: list[list[str]] = []
    monkeypatch.setattr(addresses, "pinyin_of_all", lambda texts: asked.append(list(texts)) or [])
    assert [s.slug for s in read_corpus(sources).speeches] == ["fang-xun-jiang-hua"]
    assert asked == [[]]  # no process started for nothing (pinyin_of_all([]) starts none)


def test_a_recorded_address_survives_a_changed_inferred_title(tmp_path: Path) -> None:
    sources = _project(tmp_path, "同志们：\n今天，我们召开全县防汛工作会议。\n" + BODY)
    first = read_corpus(sources)
    assert [s.slug for s in first.speeches] == ["quan-xian-fang-xun-gong-zuo-hui-yi"]
    assert record_addresses(sources, first.addresses)
    assert not record_addresses(sources, first.addresses)  # unchanged: not written again
    _project(tmp_path, "同志们：\n今天，我们召开全县安全生产工作会议。\n" + BODY)
    second = read_corpus(sources)
    assert second.speeches[0].display_title == "在全县安全生产工作会议上的讲话"
    assert [s.slug for s in second.speeches] == ["quan-xian-fang-xun-gong-zuo-hui-yi"]


def test_a_new_slug_moves_the_page_and_the_old_address_redirects(tmp_path: Path) -> None:
    sources = _project(tmp_path / "s", "同志们：\n今天，我们召开全县防汛工作会议。\n" + BODY)
    record_addresses(sources, read_corpus(sources).addresses)
    _project(tmp_path / "s", "---\nslug: fangxun-2024\n---\n同志们：\n今天，我们召开全县防汛工作会议。\n" + BODY)
    result = build(Options(sources))
    assert [s.slug for s in result.corpus.speeches] == ["fangxun-2024"]
    assert result.corpus.addresses["0001.txt"] == Address("fangxun-2024", ("quan-xian-fang-xun-gong-zuo-hui-yi",))
    files = {file.path: file for file in result.site.files}
    redirect = files["speeches/quan-xian-fang-xun-gong-zuo-hui-yi/index.html"].as_bytes().decode()
    assert '<meta http-equiv="refresh" content="0; url=../../speeches/fangxun-2024/index.html">' in redirect
    assert "speeches/fangxun-2024/index.md" in files
    # The redirect page fetches nothing: an empty icon keeps browsers from asking for
    # /favicon.ico (a 404 in the console of Chrome builds that do).
    soup = BeautifulSoup(redirect, "html.parser")
    assert [link["href"] for link in soup.find_all("link", rel="icon")] == ["data:,"]
    assert soup.find_all(["script", "img", "style"]) == [] and len(soup.find_all("link")) == 2


def test_new_speeches_never_take_a_recorded_address(tmp_path: Path) -> None:
    text = "同志们：\n今天，我们召开全县防汛工作会议。\n" + BODY
    sources = _project(tmp_path, text, "0002.txt")
    (sources / ADDRESSES_FILE).write_text(addresses_yaml({"gone.txt": Address("quan-xian-fang-xun-gong-zuo-hui-yi")}),
                                          encoding="utf-8")
    corpus = read_corpus(sources)
    assert [s.slug for s in corpus.speeches] == ["quan-xian-fang-xun-gong-zuo-hui-yi-2"]
    assert set(corpus.addresses) == {"gone.txt", "0002.txt"}


@pytest.mark.parametrize(("name", "address"), [
    ("3589449ce9a9c9d2.txt", "quan-xian-fang-xun-gong-zuo-hui-yi"),  # a hash: the title
    ("2023-06-01.txt", "quan-xian-fang-xun-gong-zuo-hui-yi"),  # only numbers: the title
    ("fangxun.txt", "fangxun"),  # a name someone chose: the name
    ("防汛讲话.txt", "fang-xun-jiang-hua"),  # in pinyin
])
def test_a_chosen_file_name_is_the_address_a_machine_made_one_is_not(tmp_path: Path, name: str, address: str) -> None:
    sources = _project(tmp_path, "同志们：\n今天，我们召开全县防汛工作会议。\n" + BODY, name)
    assert [s.slug for s in read_corpus(sources).speeches] == [address]


def test_the_record_round_trips_odd_file_names(tmp_path: Path) -> None:
    record = {'县长讲话 #2 "100%".txt': Address("x", ("y", "z")), "a: b.txt": Address("a-b")}
    (tmp_path / ADDRESSES_FILE).write_text(addresses_yaml(record), encoding="utf-8")
    assert load_addresses(tmp_path / ADDRESSES_FILE) == record


@pytest.mark.parametrize(("text", "message"), [
    ("a.txt:\n  address: Not A Slug\n",
     "addresses.yml:2: invalid address “Not A Slug” of “a.txt” — use lowercase ASCII letters, digits and single hyphens"),
    ("a.txt:\n  adress: x\n",
     "addresses.yml:2: unknown key “adress” in the entry of “a.txt” — write `address: …` and optionally "
     "`previous: [old-address, …]` under the file name"),
])
def test_a_malformed_record_names_its_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / ADDRESSES_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_addresses(tmp_path / ADDRESSES_FILE)
    assert str(error.value).endswith(message)


def test_the_repository_record_lists_every_seed(root: Path, tmp_path: Path) -> None:
    """source_texts/addresses.yml is up to date: building the repository writes nothing new."""
    sources = tmp_path / "s"
    shutil.copytree(root / "source_texts", sources)
    corpus = read_corpus(sources)
    assert not record_addresses(sources, corpus.addresses)


# The built fixture site -----------------------------------------------------------------

SPEECH_LINK = re.compile(r"(?:^|/)speeches/[^/]+/index\.html(?:#|$)")


def test_no_page_names_a_speech_by_its_file_name(built_site: Path) -> None:
    """Home, browse, topic and term pages, the heatmap: every link to a speech shows a title."""
    named = []
    for page in built_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.find_all("a", href=SPEECH_LINK):
            if re.search(r"\.(txt|docx|pdf|html?|md)$", link.get_text().strip()):
                named.append(f"{page.relative_to(built_site)}: {link.get_text().strip()}")
    assert named == []


def test_the_home_page_marks_the_inferred_title(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    row = next(tr for tr in soup.select("table.speech-list tr") if "平安建设和社会治理现代化" in tr.get_text())
    assert row.a.get_text() == "关于平安建设和社会治理现代化的讲话"
    assert row.select_one(".inferred").get_text() == "推断"


@pytest.mark.browser
def test_an_old_address_leads_to_the_speech_in_chromium(built_site: Path, browser: Any, server: str) -> None:
    from browser import open_page

    page = open_page(browser)
    for base in (server, built_site.as_uri()):
        page.goto(f"{base}/speeches/002-06ac4de939bf3add/index.html")
        page.wait_for_url("**/speeches/ping-an-jian-she-he-she-hui-zhi-li-xian-dai-hua/index.html")
        page.wait_for_selector(".title-note .inferred")  # the speech page, not the redirect
        assert page.locator("article h1").inner_text() == "关于平安建设和社会治理现代化的讲话"
        assert page.locator(".title-note .inferred").inner_text() == "推断标题"
    assert page.errors == []

"""Whole-file shapes: two speeches in one file, a saved web page (HTML) in a .txt."""

from __future__ import annotations

from pathlib import Path

from speechsite.model import Speech
from speechsite.parse import parse
from speechsite.pipeline import read_corpus
from speechsite.read import source_from_text
from speechsite.repair import repair
from speechsite.repair.fidelity import check, restore, squeeze

FIRST = ("在全县经济工作会议上的讲话\n（2023年1月5日）\n同志们：\n今天开会。\n一、形势\n形势很好。\n二、任务\n"
         "任务很重。\n谢谢大家！\n")
SECOND = ("在全县安全生产工作会议上的讲话\n（2023年2月8日）\n同志们：\n今天再开会。\n一、认识\n认识到位。\n"
          "二、责任\n责任落实。\n三、保障\n保障有力。\n谢谢大家！\n")


def test_a_second_speech_in_one_file_is_named_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "两篇讲话.txt").write_text(FIRST + "\n" + SECOND, encoding="utf-8")
    corpus = read_corpus(tmp_path)
    [speech] = corpus.speeches
    assert speech.title == "在全县经济工作会议上的讲话"
    assert [str(d) for d in corpus.diagnostics if "speech starts" in d.message] == [
        "两篇讲话.txt:11: another speech starts here (a new title after the closing, or numbering "
        "that starts again at “一、”); the file is published as one speech — put each speech in a "
        "file of its own, so each gets its own page, title and outline"]
    assert check(speech) == []
    assert restore(speech) == squeeze(speech.body)


def test_numbering_restarting_inside_one_speech_is_not_a_second_speech(tmp_path: Path) -> None:
    text = ("同志们：\n今天开会。\n一、形势\n（一）经济\n经济很好。\n（二）社会\n社会稳定。\n二、任务\n（一）项目\n"
            "项目要实。\n（二）民生\n民生要暖。\n谢谢大家！\n")
    (tmp_path / "一篇.txt").write_text(text, encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert len(corpus.speeches) == 1
    assert not [d for d in corpus.diagnostics if "speech starts" in d.message]


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>在全县工作会议上的讲话_某县人民政府</title>
<style>p { text-indent: 2em; }</style><script>var x = "<p>不是正文</p>";</script></head>
<body><h1>在全县工作会议上的讲话</h1>
<p style="text-indent:2em">同志们：</p>
<p style="text-indent:2em">今天，我们召开全县工作会议。&ldquo;十四五&rdquo;开局良好&nbsp;，成绩&amp;经验都很多。</p>
<p><strong>一、提高认识</strong></p><p>要认识到位。</p>
<p><b>二、压实责任</b></p><p>要落实责任。<br>谢谢大家！</p>
</body></html>
"""


def test_a_saved_web_page_is_read_as_its_text_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "网页.txt").write_text(PAGE, encoding="utf-8")
    corpus = read_corpus(tmp_path)
    [speech] = corpus.speeches
    assert speech.title == "在全县工作会议上的讲话"
    assert speech.salutation == "同志们："
    assert [p.text for p in speech.opening] == ["今天，我们召开全县工作会议。“十四五”开局良好 ，成绩&经验都很多。"]
    assert [(s.marker, s.heading) for s in speech.sections] == [("一、", "提高认识"), ("二、", "压实责任")]
    assert [p.text for p in speech.closing] == ["谢谢大家！"]
    spoken = "".join(speech.text_pieces())
    assert "<" not in spoken and "不是正文" not in spoken and "&ldquo;" not in spoken
    recorded = {record.kind for record in speech.source.extraction}
    assert {"code", "page-title"} <= recorded  # scripts and styles, the browser title
    assert [str(d) for d in corpus.diagnostics] == [
        "网页.txt:1: the file is a saved web page (HTML): its text was taken out of the markup — "
        "save the page as plain text (or copy its text into the file) to publish exactly what you "
        "see; the page's 提取记录 lists what was left out"]
    assert check(speech) == []


def test_a_speech_quoting_a_tag_is_not_a_web_page() -> None:
    result: Speech = parse(repair(source_from_text("同志们：\n网页里的<p>标签和&nbsp;要学会用。\n")))
    assert [p.text for p in result.opening] == ["网页里的<p>标签和&nbsp;要学会用。"]
    assert not result.repairs and not result.diagnostics

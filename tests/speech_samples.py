"""Hand-built speeches for renderer tests (independent of the parser)."""

from __future__ import annotations

from speechsite.annotate import Annotations, Mark, UnitAnnotation
from speechsite.annotate.glossary import Glossary
from speechsite.annotate.taxonomy import Taxonomy, Topic
from speechsite.annotate.terms import Term
from speechsite.model import (
    Corpus,
    FrontLine,
    Metadata,
    Paragraph,
    Repair,
    Section,
    SourceInfo,
    Speech,
)
from speechsite.site.context import RenderContext

# A small well-formed speech as a source text, for reading and bad-input tests.
SPEECH = (
    "在全县安全生产工作会议上的讲话\n"
    "同志们：\n"
    "今天，我们召开全县安全生产工作会议。下面，我讲三点意见。\n"
    "一、提高认识\n"
    "安全生产责任重于泰山。\n"
    "二、压实责任\n"
    "（一）落实属地责任。各乡镇要守土有责。\n"
    "同志们，安全生产只有起点没有终点。\n"
)

HOSTILE = (
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "# not a heading",
    "| a | b |",
    "{{ config }}",
    "$x$",
    "*emph*",
    "**",
    "XX",
)


def paragraph(pid: str, citation: str, number: int, text: str, line: int) -> Paragraph:
    return Paragraph(pid, citation, number, text, line)


def sample_speech() -> Speech:
    """A speech with every feature: front lines, sections of three levels, redactions,
    hostile text, repairs, inferred metadata."""
    sub = Section(
        "s-1-1",
        2,
        "（一）",
        "深入推行“321”基层治理模式",
        "",
        5,
        (paragraph("p-1-1-1", "一.（一）¶1", 2, "坚持枫桥经验，发展枫桥经验，平安**建设。", 6),),
    )
    deep = Section(
        "s-2-1-1", 3, "1.", "*重点* [x](javascript:alert(1))", "。", 10,
        (paragraph("p-2-1-1-1", "二.（一）1.¶1", 4, " ".join(HOSTILE), 11),),
    )
    mid = Section("s-2-1", 2, "（一）", "把维护国家安全放在首位", "", 9, (), (deep,))
    sections = (
        Section("s-1", 1, "一、", "要正确把握维稳形势", "", 4, (), (sub,)),
        Section(
            "s-2", 1, "二、", "强化XX责任", "", 7,
            (paragraph("p-2-1", "二.¶1", 3, "全县“XXXX”目标。", 8),),
            (mid,),
        ),
    )
    return Speech(
        source=SourceInfo("demo/005_demo.txt", "gb18030", "ab" * 32, 1234),
        slug="2022-demo",
        meta=Metadata(
            title="在全县综治工作会议上的讲话",
            date="2022-08-15",
            level="县",
            place="某县",
            speaker="张三",
            inferred=frozenset({"title", "place"}),
        ),
        body="…",
        title=None,
        front=(FrontLine("date", "（2022年8月15日）", 2),),
        salutation="同志们：",
        opening=(paragraph("p-0-1", "¶1", 1, "今天召开会议，*同志讲了话。", 3),),
        sections=sections,
        closing=(paragraph("p-9-1", "¶5", 5, "谢谢大家！", 12),),
        repairs=(
            Repair("page-number", 6, 40, "1、", "平安**建设"),
            Repair("line-join", 11, 80, "", "重点"),
        ),
    )


def sample_context(speech: Speech | None = None, *, with_annotations: bool = True) -> RenderContext:
    speech = speech or sample_speech()
    taxonomy = Taxonomy((Topic("pingan", "平安建设"), Topic("weiwen", "信访维稳")))
    glossary = Glossary((Term("fengqiao", "枫桥经验", "依靠群众就地化解矛盾的经验。源于浙江。"),))
    units = {}
    if with_annotations:
        units = {
            (speech.slug, "p-1-1-1"): UnitAnnotation(
                ("pingan", "weiwen"),
                ("pingan",),
                (Mark(2, 6, "term", "fengqiao"), Mark(9, 13, "term", "fengqiao"), Mark(15, 17, "topic", "pingan")),
            ),
            (speech.slug, "s-1"): UnitAnnotation(("weiwen",), ("weiwen",), (Mark(5, 7, "topic", "weiwen"),)),
        }
    return RenderContext(Corpus((speech,)), Annotations(units), taxonomy, glossary)

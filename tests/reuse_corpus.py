"""A planted-reuse corpus for the reuse tests, made from the real documents in ../shared/corpora.

24 documents that share no passage with one another (national government work reports of
1954–1984 and 2004, four party-congress reports, four provincial reports of 2026; chosen by
removing, from a larger set, the documents in which the detector found natural reuse — the
provincial reports of one year share the formulae of the genre) each give a speech of their
first 24 paragraphs of at least 30 characters. Eight are sources, six stay unrelated, ten
are copiers:
each copier takes paragraphs and sentences from the sources —

- an exact copy of a paragraph,
- a copy with numbers and a place name changed (at most 10 % of its characters),
- a copy with about 10 % of its characters changed (numbers, a place name, single characters),
- a sentence of a source paragraph put inside one of its own paragraphs (numbers changed,
  at most 10 % of its characters),

each source paragraph used once, so the planted pairs are exactly the true pairs. Then
boilerplate goes everywhere: 同志们： and 谢谢大家！ paragraphs, a slogan sentence in two
thirds of the speeches, a formulaic closing paragraph in half of them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DOCUMENTS = (
    "gwr-national-wikisource/docs/039_2004_2004年中华人民共和国国务院政府工作报告.txt",
    *(
        f"gwr-national-wikisource/docs/{n}_{y}_{y}年中华人民共和国国务院政府工作报告.txt"
        for n, y in (
            ("055", 1984), ("056", 1983), ("058", 1981), ("059", 1980), ("060", 1979),
            ("061", 1978), ("062", 1975), ("065", 1960), ("066", 1959), ("067", 1958),
            ("068", 1957), ("069", 1956), ("070", 1955), ("071", 1954),
        )
    ),
    "gwr-national-wikisource/docs/063_1964_1964年中华人民共和国国务院政府工作报告（摘要）.txt",
    "cpc-congress-reports-wikisource/docs/002_congress03_陈独秀在中国共产党第三次全国代表大会上的报告.txt",
    "cpc-congress-reports-wikisource/docs/003_congress07_論聯合政府_(七大).txt",
    "cpc-congress-reports-wikisource/docs/007_congress12_全面开创社会主义现代化建设的新局面_(十二大).txt",
    "cpc-congress-reports-wikisource/docs/015_congress20_高举中国特色社会主义伟大旗帜_为全面建设社会主义现代化国家而团结奋斗_(二十大).txt",
    *(
        f"gwr-provincial-2026-web/docs/2026_{name}_政府工作报告.txt"
        for name in ("四川省", "宁夏回族自治区", "浙江省", "西藏自治区")
    ),
)  # fmt: skip
PARAGRAPHS = 24
MIN_LENGTH = 30
SOURCES, UNRELATED = 8, 6

SLOGAN = "我们要坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大和二十届历次全会精神。"
CLOSING = "同志们，任务艰巨，责任重大。让我们紧密团结，真抓实干，奋力完成全年各项目标任务！"
PLACES = ("江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省")
FILLER = "的是在和了有为以要进一步发展建设工作经济社会推动加强全面提高"
DIGITS = re.compile(r"[0-9０-９]+")
SENTENCE = re.compile(r"[^。！？；]+[。！？；]")
PIECE = re.compile(r"[^。！？；]+[。！？；]*|[。！？；]+")  # sentences, and the unterminated rest

Pair = frozenset[tuple[str, str]]  # {(speech, paragraph id), (speech, paragraph id)}


@dataclass
class PlantedCorpus:
    speeches: list[tuple[str, list[tuple[str, str]]]]  # (key, [(paragraph id, text)])
    planted: set[Pair]
    unrelated: list[str]  # keys of speeches that copy nothing and are copied by none


def available() -> bool:
    return all((CORPORA / path).exists() for path in DOCUMENTS)


def planted_corpus(seed: int = 17) -> PlantedCorpus:
    rng = random.Random(seed)
    keys = [f"s{i:02d}" for i in range(len(DOCUMENTS))]
    speeches: dict[str, list[tuple[str, str]]] = {
        key: [(f"p{i}", text) for i, text in enumerate(_paragraphs(CORPORA / path))]
        for key, path in zip(keys, DOCUMENTS, strict=True)
    }
    sources = keys[:SOURCES]
    copiers = keys[SOURCES + UNRELATED :]
    pool = [(key, pid, text) for key in sources for pid, text in speeches[key]]
    rng.shuffle(pool)
    planted: set[Pair] = set()
    for copier in copiers:
        for number, plant in enumerate((_exact, _names_and_numbers, _ten_percent, _sentence)):
            source, pid, text = pool.pop()
            while plant is _sentence and not _sentences(text):
                source, pid, text = pool.pop()
            target = plant(rng, text, speeches[copier], f"c{number}")
            planted.add(frozenset({(source, pid), (copier, target)}))
    result = [(key, _with_boilerplate(rng, i, speeches[key])) for i, key in enumerate(keys)]
    return PlantedCorpus(result, planted, keys[SOURCES : SOURCES + UNRELATED])


def _paragraphs(path: Path) -> list[str]:
    """The first paragraphs of at least 30 characters, without the subtitle line of a provincial
    report (——<date>在<province>第…届人民代表大会第…次会议上: the formula of the genre)."""
    lines = (line.strip() for line in path.read_text("utf-8").splitlines())
    kept = [line for line in lines if len(line) >= MIN_LENGTH and not line.startswith("——")]
    return kept[:PARAGRAPHS]


Paragraphs = list[tuple[str, str]]


def _exact(rng: random.Random, text: str, target: Paragraphs, new_id: str) -> str:
    return _insert(rng, target, new_id, text)


def _names_and_numbers(rng: random.Random, text: str, target: Paragraphs, new_id: str) -> str:
    budget = len(text) // 10
    edited = _numbers(rng, text, budget - 3)
    return _insert(rng, target, new_id, _place(rng, edited))


def _ten_percent(rng: random.Random, text: str, target: Paragraphs, new_id: str) -> str:
    budget = len(text) // 10
    edited = _place(rng, _numbers(rng, text, budget // 3))
    chars = list(edited)
    spent = budget // 3 + 3
    for at in rng.sample(range(len(chars)), k=len(chars)):
        if spent >= budget:
            break
        if _chinese(chars[at]):
            chars[at] = rng.choice(FILLER)
            spent += 1
    return _insert(rng, target, new_id, "".join(chars))


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.findall(text) if len(s) >= 20]


def _sentence(rng: random.Random, text: str, target: Paragraphs, new_id: str) -> str:
    """A sentence of `text` (numbers changed) put between two sentences of a paragraph."""
    chosen = rng.choice(_sentences(text))
    copied = _numbers(rng, chosen, len(chosen) // 10)
    index = rng.randrange(len(target))
    pid, own_text = target[index]
    own = PIECE.findall(own_text)
    # only where a sentence of its own ends (or at the start), so that the two stay apart
    at = rng.choice([0, *(i + 1 for i, piece in enumerate(own) if piece[-1] in "。！？；")])
    target[index] = (pid, "".join(own[:at]) + copied + "".join(own[at:]))
    return pid


def _insert(rng: random.Random, target: Paragraphs, new_id: str, text: str) -> str:
    target.insert(rng.randrange(len(target) + 1), (new_id, text))
    return new_id


def _numbers(rng: random.Random, text: str, budget: int) -> str:
    """Numbers replaced by others of the same length, at most `budget` digits in all."""
    left = [budget]

    def replace(match: re.Match[str]) -> str:
        number = match.group()
        if len(number) > left[0]:
            return number
        left[0] -= len(number)
        return "".join(str(rng.randrange(10)) for _ in number)

    return DIGITS.sub(replace, text)


def _place(rng: random.Random, text: str) -> str:
    """Swap a place name, or put one in for two characters when the text names none."""
    for place in PLACES:
        if place in text:
            return text.replace(place, rng.choice([p for p in PLACES if p != place]))
    spots = [i for i in range(len(text) - 1) if _chinese(text[i]) and _chinese(text[i + 1])]
    at = rng.choice(spots or [0])
    return text[:at] + rng.choice(PLACES) + text[at + 2 :]


def _chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _with_boilerplate(rng: random.Random, number: int, paragraphs: Paragraphs) -> Paragraphs:
    result = [("b0", "同志们："), *paragraphs]
    if number % 3:
        index = rng.randrange(1, len(result))
        pid, text = result[index]
        result[index] = (pid, text + SLOGAN)
    if number % 2 == 0:
        result.append(("b1", CLOSING))
    result.append(("b2", "谢谢大家！"))
    return result

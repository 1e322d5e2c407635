"""Generate a corpus of speech-like texts from real documents, for the benchmarks.

Every generated speech is composed from real text: a base document (a national or
provincial government work report, a party-congress report, or one of the five seed
speeches) gives the opening and most sections; some sections are replaced by sections of
OTHER documents; each section is cut to a length budget; level-1 headings are renumbered
一、二、…; title, date, place, level and speaker are drawn per speech. Some speeches carry YAML
front matter, a few a sidecar `<stem>.yml`. The same seed always gives the same corpus, and
the corpus of N speeches is a prefix of the corpus of M > N speeches (speech i depends only
on the seed and i), so sizes compare like with like.

    python benchmarks/corpus.py 500 /tmp/corpus-500     # writes /tmp/corpus-500/source_texts/

The shared corpora are read where they are (`../shared/corpora/`); nothing is copied into
the repository.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CORPORA = SHARED / "corpora"
SPEECH_LIKE = (
    "gwr-national-wikisource",
    "gwr-provincial-2026-web",
    "cpc-congress-reports-wikisource",
)
DATA_FILES = ("taxonomy.yml", "glossary.yml")

NUMERALS = "一二三四五六七八九十"
LEVEL1 = re.compile(r"^[\s\u3000]*([一二三四五六七八九十]{1,3})、")
SALUTATION = re.compile(r"^[\s\u3000]*(同志们|各位代表|各位委员)[：:！!，,]?[\s\u3000]*$")

PROVINCES = (
    "河北省", "山西省", "辽宁省", "吉林省", "江苏省", "浙江省", "安徽省", "福建省", "江西省",
    "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省",
    "陕西省", "甘肃省", "青海省",
)  # fmt: skip
CITIES = (
    "保定市", "大同市", "鞍山市", "吉林市", "徐州市", "绍兴市", "芜湖市", "泉州市", "赣州市",
    "潍坊市", "洛阳市", "宜昌市", "岳阳市", "汕头市", "绵阳市", "遵义市", "曲靖市", "宝鸡市",
)  # fmt: skip
COUNTIES = (
    "安平县", "平遥县", "岫岩县", "抚松县", "沭阳县", "安吉县", "歙县", "安溪县", "瑞金县",
    "寿光县", "栾川县", "秭归县", "平江县", "大埔县", "北川县", "湄潭县", "罗平县", "凤翔县",
)  # fmt: skip
DISTRICTS = ("朝阳区", "鼓楼区", "雨花区", "高新区", "江北区", "新城区", "经开区", "滨海区")
TOWNSHIPS = ("城关镇", "白马乡", "石桥镇", "青山乡", "河口镇", "柳林镇", "新安乡", "大庄镇")
PLACES = {"省": PROVINCES, "市": CITIES, "县": COUNTIES, "区": DISTRICTS, "乡镇": TOWNSHIPS}
ROLES = {
    "省": ("省长", "副省长", "省委书记"),
    "市": ("市长", "副市长", "市委书记"),
    "县": ("县长", "副县长", "县委书记"),
    "区": ("区长", "副区长", "区委书记"),
    "乡镇": ("镇长", "乡长", "党委书记"),
}
THEMES = (
    "经济工作", "安全生产工作", "综治维稳工作", "防汛抗旱工作", "乡村振兴工作",
    "党风廉政建设工作", "优化营商环境工作", "生态环境保护工作", "信访工作联席", "招商引资工作",
    "文明城市创建工作", "项目建设推进", "民生实事推进", "防溺水工作", "反电信网络诈骗工作",
    "森林防灭火工作", "疫情防控工作", "扫黑除恶专项斗争推进",
)  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳军敏静磊洋勇艳杰涛明超秀霞平刚桂英华建国志强文斌海峰新民红卫东"
CLOSINGS = (
    "同志们，任务艰巨，责任重大。让我们紧密团结，真抓实干，奋力完成全年各项目标任务！",
    "同志们，做好今年的工作意义重大。各级各部门要扛起责任，狠抓落实，以实干实绩交出合格答卷。",
    "总之，我们要以更加坚定的信心、更加务实的作风，推动各项工作取得新成效。",
)


@dataclass(frozen=True)
class Document:
    """A real document cut into blocks: opening before the first 一、, then sections."""

    name: str
    opening: tuple[str, ...]
    sections: tuple[tuple[str, ...], ...]  # each: heading block, then body blocks
    closing: tuple[str, ...]


def load_documents(corpora: Path = CORPORA, seeds: Path = SEEDS) -> list[Document]:
    paths = [seeds / p.name for p in sorted(seeds.glob("*.txt"))]
    for folder in SPEECH_LIKE:
        for path in sorted((corpora / folder / "docs").glob("*.txt")):
            if "关于政府工作报告的决议" not in path.name:  # short resolutions, not speeches
                paths.append(path)
    documents = [split_document(path.name, path.read_text("utf-8")) for path in paths]
    return [doc for doc in documents if doc.sections or doc.opening]


def split_document(name: str, text: str) -> Document:
    blocks = _blocks(_strip_boilerplate(text))
    start = next((i + 1 for i, b in enumerate(blocks[:40]) if SALUTATION.match(b)), 0)
    blocks = blocks[start:]
    heads = [i for i, block in enumerate(blocks) if LEVEL1.match(block)]
    if not heads:
        return Document(name, tuple(blocks[:6]), (), ())
    opening = tuple(blocks[: heads[0]])
    bounds = [*heads, len(blocks)]
    sections = tuple(tuple(blocks[a:b]) for a, b in zip(bounds, bounds[1:], strict=False))
    last = sections[-1]
    closing_at = next(
        (i for i in range(max(1, len(last) - 3), len(last)) if SALUTATION.match(last[i][:6])
         or last[i].lstrip("\u3000 ").startswith(("同志们", "各位代表"))),
        len(last),
    )  # fmt: skip
    closing = last[closing_at:]
    sections = (*sections[:-1], last[:closing_at])
    return Document(name, opening, tuple(s for s in sections if len(s) > 1), closing)


def _strip_boilerplate(text: str) -> str:
    """Drop what is not the document: Wikisource licence notes, web 相关报道 trailers."""
    lines = text.splitlines()
    tail_from = int(len(lines) * 0.7)
    for i in range(tail_from, len(lines)):
        if "本作品" in lines[i] or lines[i].strip().startswith("相关报道"):
            return "\n".join(lines[:i])
    return "\n".join(lines)


def _blocks(text: str) -> list[str]:
    """Paragraph blocks as written: blank-line separated when the text uses blank lines
    (so extraction debris inside a paragraph stays with it), one line each otherwise."""
    lines = text.splitlines()
    blank = sum(1 for line in lines if not line.strip("\u3000 \t"))
    chunks = re.split(r"\n(?:[ \t\u3000]*\n)+", text) if blank * 3 >= len(lines) > 0 else lines
    return [chunk.strip("\n") for chunk in chunks if chunk.strip("\u3000 \t\n")]


def compose(documents: list[Document], seed: int, index: int) -> tuple[str, dict[str, str]]:
    """Speech number `index`: its text and its metadata (title, date, level, place, …)."""
    rng = random.Random(f"speechsite-bench-{seed}-{index}")
    bases = [doc for doc in documents if len(doc.sections) >= 2]
    base = rng.choice(bases)
    level = rng.choice(tuple(PLACES))
    place = rng.choice(PLACES[level])
    year, month, day = rng.randint(2012, 2026), rng.randint(1, 12), rng.randint(1, 28)
    speaker = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    role = rng.choice(ROLES[level])
    report = rng.random() < 0.3
    if report:
        title = f"{year}年{place}政府工作报告"
        front = [f"——{year}年{month}月{day}日在{place}人民代表大会会议上", f"{role}　{speaker}"]
        salutation = "各位代表："
    else:
        theme = rng.choice(THEMES)
        title = f"在{place}{year}年{theme}会议上的讲话"
        front = [f"（{year}年{month}月{day}日）"]
        if rng.random() < 0.5:
            front.append(f"{place}{role}　{speaker}")
        salutation = rng.choice(("同志们：", "同志们：", "同志们！"))
    budget = rng.randint(3000, 14000)  # characters, like real 讲话稿
    sections = _sections(rng, documents, base, budget)
    opening = list(base.opening[: rng.randint(1, 4)])
    closing = list(base.closing[:2]) if rng.random() < 0.5 else [rng.choice(CLOSINGS)]
    if not report and rng.random() < 0.4:
        closing.append("谢谢大家！")
    meta = {
        "title": title,
        "date": f"{year:04d}-{month:02d}-{day:02d}",
        "speaker": speaker,
        "role": role,
        "level": level,
        "place": place,
    }
    body = [title, *front, salutation, *opening]
    for number, section in enumerate(sections, start=1):
        body.extend(_renumber(section, number))
    body.extend(closing)
    # Blocks with line breaks inside (Wikisource link debris) need blank lines between
    # paragraphs, as in their source; other speeches use either style.
    blank_lines = any("\n" in block for block in body) or rng.random() < 0.3
    return ("\n\n" if blank_lines else "\n").join(body) + "\n", meta


def _sections(
    rng: random.Random, documents: list[Document], base: Document, budget: int
) -> list[tuple[str, ...]]:
    donors = [doc for doc in documents if doc.sections and doc is not base]
    count = min(len(base.sections), rng.randint(3, 6))
    start = rng.randint(0, len(base.sections) - count)
    chosen = list(base.sections[start : start + count])
    for i in range(len(chosen)):
        if rng.random() < 0.45:
            chosen[i] = rng.choice(rng.choice(donors).sections)
    share = max(400, budget // len(chosen))
    return [_cut(section, share) for section in chosen]


def _cut(section: tuple[str, ...], share: int) -> tuple[str, ...]:
    """The heading and the first body blocks up to `share` characters (at least one)."""
    kept, size = [section[0]], 0
    for block in section[1:]:
        if size >= share and len(kept) > 1:
            break
        kept.append(block)
        size += len(block)
    return tuple(kept)


def _renumber(section: tuple[str, ...], number: int) -> tuple[str, ...]:
    heading = LEVEL1.sub(lambda m: m.group(0).replace(m.group(1), _numeral(number)), section[0], 1)
    return (heading, *section[1:])


def _numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


def write_corpus(size: int, target: Path, seed: int = 2026) -> Path:
    """Write `size` speeches (the five seeds first, unchanged) into `target/source_texts`."""
    sources = target / "source_texts"
    if sources.exists():
        shutil.rmtree(sources)
    sources.mkdir(parents=True)
    for name in DATA_FILES:
        data = REPO / "source_texts" / name
        if data.exists():
            shutil.copyfile(data, sources / name)
    seeds = sorted(SEEDS.glob("*.txt"))[:size]
    for path in seeds:
        shutil.copyfile(path, sources / path.name)
    documents = load_documents()
    for index in range(len(seeds), size):
        _write_speech(sources, documents, seed, index)
    return sources


def _write_speech(sources: Path, documents: list[Document], seed: int, index: int) -> None:
    text, meta = compose(documents, seed, index)
    folder = sources / meta["date"][:4]
    folder.mkdir(exist_ok=True)
    stem = f"{index:04d}"
    style = index % 10
    if style < 3:  # YAML front matter, the text keeps its own title line too
        header = "".join(f"{key}: {_yaml(value)}\n" for key, value in meta.items())
        text = f"---\n{header}---\n{text}"
    elif style == 3:  # sidecar metadata beside the text
        sidecar = "".join(f"{key}: {_yaml(meta[key])}\n" for key in ("date", "level", "place"))
        (folder / f"{stem}.yml").write_text(sidecar, "utf-8")
    (folder / f"{stem}.txt").write_text(text, "utf-8")


def _yaml(value: str) -> str:
    return f'"{value}"'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    sources = write_corpus(args.size, args.target, args.seed)
    total = sum(p.stat().st_size for p in sources.rglob("*.txt"))
    print(f"{args.size} speeches, {total / 1e6:.1f} MB in {sources}")


if __name__ == "__main__":
    main()

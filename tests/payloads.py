"""Injection payloads: HTML, Markdown, Jinja/MkDocs, attribute lists, pymdownx syntax.

Each payload is one source line; the site must show it as text, character for character.
Used by tests/test_bad_input.py (core level), tests/test_injection.py (built pages) and
tests/test_fuzz.py (generated documents).
"""

from __future__ import annotations

HTML = (
    '<script>alert("script")</script>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example/frame"></iframe>',
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(2)" onclick="alert(3)">点我</a>',
    "<div onmouseover='alert(4)' style=\"color:red\">悬停</div>",
    "<svg/onload=alert(5)>",
    '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">',
    '<form action="https://evil.example/"><input name="q"><button>提交</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "会议<!-- 注释 -->内容",
    "&lt;b&gt;已转义&lt;/b&gt; &amp; &#x3C;script&#x3E; &#60;",
    "</p></span></div></article><p>闭合标签",
    "<details open><summary>摘要</summary>内容</details>",
    "<mark>标记</mark><b>粗</b><u>下划线</u>",
)

MARKDOWN = (
    "**粗体** __粗体__ *斜体* _斜体_ ~~删除~~",
    "`代码` ``双反引号``",
    "[链接](https://evil.example/) [引用][ref] <https://evil.example/auto> https://evil.example/bare",
    '![图片](https://evil.example/x.png "图")',
    '[ref]: https://evil.example/ "定义"',
    "> 引用块",
    "- 无序列表",
    "+ 加号列表",
    "1) 有序列表",
    "    缩进代码块",
    "```python",
    "~~~",
    "| 表头 | 表头 |",
    "|---|---|",
    "---",
    "===",
    "\\*反斜杠转义\\*",
    "$$x^2$$ 和 $y$",
    "脚注[^1]和[^1]: 注释",
    "术语\n: 定义",
)

JINJA = (
    "{{ config.site_name }}",
    '{% include "partials/header.html" %}',
    "{# 模板注释 #}",
    "{{ page.meta | safe }}{%- raw -%}",
)

ATTR_LIST = (
    '{: #injected .evil onclick="alert(6)" }',
    "段落 {: .cls }",
    "{#id-from-source}",
)

PYMDOWNX = (
    "==标记==",
    "^^插入^^",
    ":smile: :material-alert:",
    "++ctrl+alt+del++",
    '!!! warning "提示"',
    '??? note "折叠"',
    "/// details | 标题",
    '--8<-- "secret.txt"',
    "{~~删~>增~~}",
    "H~2~O 和 x^2^",
)

ALL = HTML + MARKDOWN + JINJA + ATTR_LIST + PYMDOWNX
# One physical line each (the definition-list payload spans two).
LINES = tuple(line for payload in ALL for line in payload.split("\n"))

# Markers that only a payload can bring in: never in an attribute or a script of a page.
FOREIGN = ("evil.example", "alert(")


def payload_speech(title: str = "在全县安全生产工作会议上的讲话") -> str:
    """A speech whose every line after the salutation is a payload."""
    lines = [title, "同志们：", "今天召开会议，下面逐条宣读原文。", *LINES, "同志们，谢谢大家！"]
    return "\n".join(lines) + "\n"


# Data files and names ---------------------------------------------------------------------

# Odd Unicode a title or a name may carry: Python-Markdown's placeholder markers \x02/\x03
# around a stash key, C1 controls (NEL among them), line and paragraph separators, a BOM,
# non-characters. YAML cannot hold most of them as they are (see `yaml_quoted`).
ODD = "\x02wzxhzdk:0\x03\x80\x85\x9f\u2028\u2029\ufeff\ufffe\uffff\U0001fffe"
# Markup that would close <title> or an attribute and run a script, and a template.
BREAKOUT = '</title><script>alert("head")</script>"><img src=x onerror=alert(10)>{{ config }}'

TOPIC_NAME = f"宣读专题{BREAKOUT}{ODD}"
TOPIC_DESCRIPTION = "<img src=x onerror=alert(11)> [描述](javascript:alert(12))"
TOPIC_EXCLUDE = "<b>宣读原文</b>"
TERM_NAME = f"逐条宣读{BREAKOUT}{ODD}"
TERM_DEFINITION = "定义\"><svg/onload=alert(13)>。{{ config }}"
TERM_EXPANSION = "<iframe src='https://evil.example/'></iframe>"
OTHER_TERM = "</title><svg onload=alert(14)>"
META_TITLE = f"讲话{BREAKOUT}{ODD}"
SIDECAR_PLACE = "<script>alert(15)</script>'\"` 地点"
# A file name: markup, URL delimiters, a line separator and a C1 control.
ODD_NAME = "名<b>称#1?a=%41&b\u2028\x85"


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar for `text`: ASCII only, every other character an escape."""
    parts = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            parts.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            parts.append(char)
        elif code <= 0xFF:
            parts.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            parts.append(f"\\u{code:04x}")
        else:
            parts.append(f"\\U{code:08x}")
    return '"' + "".join(parts) + '"'


def payload_taxonomy() -> str:
    """A taxonomy whose topic carries payloads in every text field; it matches `payload_speech`."""
    return (
        "topics:\n"
        "  - slug: xuandu\n"
        f"    name: {yaml_quoted(TOPIC_NAME)}\n"
        f"    description: {yaml_quoted(TOPIC_DESCRIPTION)}\n"
        "    keywords: [宣读原文]\n"
        f"    exclude: [{yaml_quoted(TOPIC_EXCLUDE)}]\n"
    )


def payload_glossary() -> str:
    """A glossary whose terms carry payloads in every text field; one matches `payload_speech`."""
    return (
        "terms:\n"
        f"  - term: {yaml_quoted(TERM_NAME)}\n"
        "    slug: zhu-tiao-xuan-du\n"
        "    variants: [逐条宣读]\n"
        "    category: 信访\n"
        f"    definition: {yaml_quoted(TERM_DEFINITION)}\n"
        f"    expansion: {yaml_quoted(TERM_EXPANSION)}\n"
        "    topics: [xuandu]\n"
        f"  - term: {yaml_quoted(OTHER_TERM)}\n"
        "    slug: qi-ta\n"
        "    category: 信访\n"
        f"    definition: {yaml_quoted(TERM_DEFINITION)}\n"
        "    related: [逐条宣读]\n"
        "    external: true\n"
    )


def payload_front_matter() -> str:
    """Front matter whose title carries the breakout and the odd characters."""
    return f"---\ntitle: {yaml_quoted(META_TITLE)}\nslug: odd-title\n---\n"


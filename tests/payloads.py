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

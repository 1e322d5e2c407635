"""PDFs for the tests: speeches printed by Chromium, and hand-made PDFs a printer never makes
on purpose — an image without text (a scan) and one encrypted with a password.

Chromium prints a document the way a speech is circulated: A4, a title in bold, body text in
a CJK serif with a two-character first-line indent, justified (so every line but a paragraph's
last runs to the right margin), a running header and a `- N -` page number in the footer.
"""

from __future__ import annotations

import hashlib
import html
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from browser import chromium
from format_fixtures import NAMES, OFFICE, Block, blocks_of, line_of, seed_speech

HEADER = f'<div style="width:100%;text-align:center;font-size:9pt;font-family:Noto Serif CJK SC">{OFFICE}</div>'
FOOTER = ('<div style="width:100%;text-align:center;font-size:10pt;font-family:Noto Serif CJK SC">'
          '- <span class="pageNumber"></span> -</div>')
_STYLE = """
body { font-family: 'Noto Serif CJK SC', serif; font-size: 16pt; line-height: 1.6; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.title { text-align: center; text-indent: 0; font-weight: bold; font-size: 20pt; margin-bottom: 1em; }
p.h1 { font-weight: bold; }
.columns { column-count: 2; column-gap: 2em; font-size: 11pt; }
"""


def document_html(blocks: list[Block], two_columns: bool = False) -> str:
    paragraphs = []
    for block in blocks:
        kind = "title" if block.kind == "title" else "h1" if block.kind == "heading" and block.level == 1 else ""
        attribute = f' class="{kind}"' if kind else ""
        paragraphs.append(f"<p{attribute}>{html.escape(line_of(block))}</p>")
    body = "\n".join(paragraphs)
    if two_columns:
        body = f'<div class="columns">{body}</div>'
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>{_STYLE}</style>'
            f"</head><body>{body}</body></html>")


@contextmanager
def printer() -> Iterator[Any]:
    """A Chromium page to print with (skips the test where Chromium is missing)."""
    with chromium() as browser:
        page = browser.new_page()
        yield page
        page.close()


def print_pdf(page: Any, document: str, header: bool = True) -> bytes:
    page.set_content(document)
    pdf: bytes = page.pdf(
        format="A4", print_background=False, display_header_footer=True,
        header_template=HEADER if header else "<span></span>", footer_template=FOOTER,
        margin={"top": "2.5cm", "bottom": "2.4cm", "left": "2.8cm", "right": "2.6cm"})
    return pdf


def seed_pdfs() -> dict[str, bytes]:
    """Each seed printed as a one-column PDF, and the second seed in two columns too
    (`<name>-columns`)."""
    printed = {}
    with printer() as page:
        for name in NAMES:
            printed[name] = print_pdf(page, document_html(blocks_of(seed_speech(name))))
        second = NAMES[1]
        printed[f"{second}-columns"] = print_pdf(
            page, document_html(blocks_of(seed_speech(second)), two_columns=True), header=False)
    return printed


# Hand-made PDFs ------------------------------------------------------------------------------


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file from its numbered objects (1, 2, …), object 1 being the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer, xref)
    return bytes(out)


def _stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), entries) + data + b"\nendstream"


def image_only_pdf() -> bytes:
    """One page holding a picture and no text at all: what a scanner makes."""
    pixels = zlib.compress(bytes(range(0, 256, 4)) * 64)
    content = b"q 400 0 0 560 100 140 cm /Im1 Do Q"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(content),
        _stream(pixels, b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace "
                        b"/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "),
    ])


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def encrypted_pdf(password: str, text: str = "Hello") -> bytes:
    """A one-page text PDF encrypted with the standard security handler (RC4, 40-bit,
    revision 2) so that it opens only with `password`."""
    file_id = hashlib.md5(b"speechsite test").digest()
    padded = (password.encode("latin-1") + _PAD)[:32]
    owner = _rc4(hashlib.md5((b"owner" + _PAD)[:32]).digest()[:5], padded)
    permissions = -44
    key = hashlib.md5(padded + owner + permissions.to_bytes(4, "little", signed=True)
                      + file_id).digest()[:5]
    user = _rc4(key, _PAD)

    def encrypt(number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
        return _rc4(object_key, data)

    content = encrypt(4, b"BT /F1 24 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1"))
    trailer = (b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (file_id.hex().encode(), file_id.hex().encode()))
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (
            owner.hex().encode(), user.hex().encode(), permissions),
    ], trailer)

"""Parse: the structure of a speech from its repaired lines.

`structure.py` assembles title, front lines, salutation, opening, sections and closing;
`front.py` reads the front, `classify.py` decides headings, `infer.py` the metadata the text
states, `ids.py` anchors, citations and slugs.
"""

from .structure import parse

__all__ = ["parse"]

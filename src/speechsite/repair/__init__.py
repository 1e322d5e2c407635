"""Repair: extraction debris removed from the read text, every repair recorded.

`repairs.py` runs the repairs in order; `chrome.py` (web and wiki debris), `page_numbers.py`
(page numbers of paginated documents), `joins.py` and `wraps.py` (lines broken inside a
sentence, hard-wrapped text), `collapsed.py` with `head.py`, `runin.py` and `sentences.py`
(paragraphs run together: one-line scrapes, run-on heads, headings run into the text) find them;
`fidelity.py` checks that nothing was lost; `suspect.py` warns about files that are no speech.
"""

from .repairs import KINDS, Repaired, repair

__all__ = ["KINDS", "Repaired", "repair"]

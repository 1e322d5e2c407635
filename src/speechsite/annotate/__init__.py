"""Annotate: topics and glossary terms of every unit, definitions, and the counts over them.

`annotations.py` ties units to topics (`taxonomy.py`) and terms (`glossary.py`, read by
`glossary_file.py`), both found with `matcher.py`; `definitions.py` finds where a speech defines
a term; `topic_stats.py`, `glossary_stats.py` and `overview_stats.py` count, once per build;
`reuse.py` finds passages that speeches share (同文检测: `reuse_text.py`, `reuse_grams.py`,
`reuse_match.py`).
"""

from .annotations import Annotations, Mark, UnitAnnotation, annotate, body_units, units_of

__all__ = ["Annotations", "Mark", "UnitAnnotation", "annotate", "body_units", "units_of"]

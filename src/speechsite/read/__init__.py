"""Read: find every source file, decode it, normalise its text; metadata and data files.

`sources.py` finds and reads the speech files, `decoding.py` decodes and normalises their text, `metadata.py` reads their front matter or
sidecar, `datafile.py` is the line-exact YAML reader shared by metadata and the data files,
`yamltext.py` the YAML limits both get (nesting depth, unwritable characters).
"""

from .sources import (
    SourceText,
    decode_bytes,
    discover_sources,
    normalise,
    read_source,
    source_from_text,
)

__all__ = ["SourceText", "decode_bytes", "discover_sources", "normalise", "read_source", "source_from_text"]

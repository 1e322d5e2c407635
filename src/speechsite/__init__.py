"""Turn raw Chinese policy speeches into a structured, cross-linked, searchable MkDocs site."""

__version__ = "0.1.0"

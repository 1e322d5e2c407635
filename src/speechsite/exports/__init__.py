"""Exports: the data files published as they are (corpus.json, CSVs, terms/topics JSON, source copies)."""

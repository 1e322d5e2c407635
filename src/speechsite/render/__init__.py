"""Render: the model and its annotations as Markdown pages, data files and assets."""

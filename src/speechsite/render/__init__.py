"""Render: the site's pages as Markdown (speech, topic, glossary, home, browse, overview pages) and the assets."""

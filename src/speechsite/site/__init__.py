"""The site's shape shared by render, exports and search: paths and links."""

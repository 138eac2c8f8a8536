"""Render: page contexts, formatting filters and charts → Markdown pages and assets."""

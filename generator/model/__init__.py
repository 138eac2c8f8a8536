"""Typed models of plan, review and campaign documents, and the catalogs."""

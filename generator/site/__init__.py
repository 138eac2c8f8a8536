"""The thin MkDocs adapter: configuration, an atomic build, and live preview.

Everything MkDocs-specific lives in this package, so the pages (plain files
written by `generator.render`) survive a change of engine.
"""

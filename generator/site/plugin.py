"""The `planbook` MkDocs plugin: under `planbook serve`, re-render the pages
before every rebuild, and show validation problems on the page instead of dying."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin



_CACHES: dict[str, Any] = {}


class PlanbookConfig(Config):
    project = config_options.Type(str, default=".")
    plans = config_options.Type(str, default="")
    rerender = config_options.Type(bool, default=False)  # under `planbook serve`
    sanitize = config_options.Type(list, default=[])  # the operators' own pages


def sanitize_html(html: str) -> str:
    """The operators' pages go through the one sanitizer of the render layer."""
    from generator.render.sanitize import clean_html

    return clean_html(html)


class PlanbookPlugin(BasePlugin[PlanbookConfig]):
    """Sanitizes the operators' pages; under serve, re-renders before every rebuild."""

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        if page.file.src_uri in self.config.sanitize:
            return sanitize_html(html)
        return html

    def on_post_build(self, config: Any) -> None:
        """Result titles without the zero-width spaces the search plugin puts between
        Chinese words (the text keeps them: that is how the index is segmented)."""
        from generator.site.search import clean_search_index

        clean_search_index(Path(config["site_dir"]) / "search" / "search_index.json")

    def on_pre_build(self, config: Any) -> None:
        if not self.config.rerender:
            return
        from generator.site.build import RenderCache, render_problem_pages, render_site_folder

        # MkDocs' serve loads the configuration (and a new plugin) on every rebuild,
        # so the cache lives at module level, one per build folder: the single piece
        # of process state in Planbook, and only under `serve`.
        cache = _CACHES.setdefault(str(Path(config["docs_dir"]).resolve()), RenderCache())

        project = Path(self.config.project)
        build_dir = Path(config["docs_dir"]).parent
        plans = Path(self.config.plans) if self.config.plans else None
        outcome = render_site_folder(project, build_dir, plans, serving=True, cache=cache)
        if not outcome.ok:
            render_problem_pages(project, build_dir, outcome, plans)

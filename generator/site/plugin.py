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
    units = config_options.Type(list, default=[])  # the units' folders, when there are several


def sanitize_html(html: str) -> str:
    """The operators' pages go through the one sanitizer of the render layer."""
    from generator.render.sanitize import clean_html

    return clean_html(html)


def problem_banner(problems: list[Any], message: str | None, lang: str) -> str:
    """An admonition that lists the problems, errors first (the root cause leads),
    with file and line; empty when there is nothing to say."""
    from generator.render.tables import md

    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    if not errors and not warnings and not message:
        return ""
    zh = lang != "en"
    if errors:
        title = (f"计划有 {len(errors)} 个错误:页面显示上一次正确的结果" if zh
                 else f"The plans have {len(errors)} errors: pages show the last good render")
        kind = "failure"
    elif message:
        title = "站点没有更新:页面显示上一次正确的结果" if zh else "The site was not rebuilt: pages show the last good render"
        kind = "failure"
    else:
        title = f"{len(warnings)} 个警告" if zh else f"{len(warnings)} warnings"
        kind = "warning"
    lines = [f'!!! {kind} "{title}"', ""]
    if message and not problems:
        lines.append(f"    {md(message)}")
    for problem in [*errors, *warnings][:20]:
        mark = "✘" if problem.is_error else "⚠"
        lines.append(f"    - {mark} `{problem.path}:{problem.line}:{problem.column}` "
                     f"{md(problem.message('zh' if zh else 'en'))} `[{problem.code}]`")
    if len(problems) > 20:
        lines.append(f"    - … {len(problems) - 20} " + ("个更多" if zh else "more"))
    return "\n".join(lines)


def _first_page_folder(item: Any) -> str | None:
    """The first folder of the first page under a navigation item."""
    while getattr(item, "children", None):
        item = item.children[0]
    file = getattr(item, "file", None)
    return file.src_uri.split("/", 1)[0] if file is not None and "/" in file.src_uri else None


class PlanbookPlugin(BasePlugin[PlanbookConfig]):
    """Sanitizes the operators' pages; under serve, re-renders before every rebuild."""

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        """Note the navigation's unit sections (unit → years), for `on_page_context`."""
        units = set(self.config.units)
        self.unit_sections = {id(item) for item in nav.items if _first_page_folder(item) in units}
        return nav

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """Each page's navigation holds its own unit's section and no other unit's.

        With `navigation.prune` a page still listed every unit once, so pages grew
        with the group (2.4 KB per unit per page) and so did the build.  The home
        page lists every unit's years: that is where another unit is found."""
        sections: set[int] = getattr(self, "unit_sections", set())
        if len(sections) < 2:
            return context
        from mkdocs.structure.nav import Navigation

        top = page
        while top.parent is not None:
            top = top.parent
        items = [item for item in nav.items if id(item) not in sections or item is top]
        context["nav"] = Navigation(items, nav.pages)
        return context

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
        build_dir = Path(config["docs_dir"]).parent
        cache = _CACHES.setdefault(str(build_dir.resolve()), RenderCache(folder=build_dir / ".planbook-cache"))

        project = Path(self.config.project)
        plans = Path(self.config.plans) if self.config.plans else None
        outcome = render_site_folder(project, build_dir, plans, serving=True, cache=cache)
        if not outcome.ok:
            render_problem_pages(project, build_dir, outcome, plans)
        self.banner = problem_banner(outcome.problems, outcome.message, config.get("theme", {}).get("language", "zh"))

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """Under serve, the problems of the last render on top of every page."""
        banner = getattr(self, "banner", "")
        return f"{banner}\n\n{markdown}" if banner else markdown

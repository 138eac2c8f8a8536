"""The `planbook` MkDocs plugin: sanitizes the operators' pages, gives each page its
own unit's navigation, cleans the search index; under `planbook serve`, each page
shows the problems of the last render (site/serve.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.site import mkdocs_api
from generator.site.mkdocs_api import BasePlugin, Config, config_options



# Under serve, the last full search index per site folder: a dirty build's index
# holds only the pages it rebuilt (MkDocs loads a new plugin for every rebuild).
_SEARCH_INDEXES: dict[str, Any] = {}


class PlanbookConfig(Config):
    serving = config_options.Type(bool, default=False)  # under `planbook serve`
    nav_file = config_options.Type(str, default="")  # the generated navigation, beside mkdocs.yml
    sanitize = config_options.Type(list, default=[])  # the operators' own pages
    units = config_options.Type(list, default=[])  # [folder, title] of each unit, when there are several


def sanitize_html(html: str) -> str:
    """The operators' pages go through the one sanitizer of the render layer."""
    from generator.render.sanitize import clean_html

    return clean_html(html)


def _first_page_folder(item: Any) -> str | None:
    """The first folder of the first page under a navigation item."""
    while getattr(item, "children", None):
        item = item.children[0]
    file = getattr(item, "file", None)
    return file.src_uri.split("/", 1)[0] if file is not None and "/" in file.src_uri else None


class PlanbookPlugin(BasePlugin[PlanbookConfig]):
    """Sanitizes the operators' pages, gives each page its unit's navigation, cleans
    the search index; under serve, hands the rebuilds to Planbook (site/serve.py)."""

    def on_config(self, config: Any) -> Any:
        """The navigation Planbook generated, from its JSON file."""
        if self.config.nav_file:
            import json

            path = Path(config.config_file_path).parent / self.config.nav_file
            config["nav"] = json.loads(path.read_text(encoding="utf-8"))
        return config

    def on_files(self, files: Any, config: Any) -> Any:
        """Building on two cores (site/mkdocs_halves.py): the pages outside this process's
        part are excluded (not read, not built; still in the navigation, links to
        them keep their URLs); the second part leaves the static files to the first."""
        share = getattr(self, "share", None)
        self.built: list[str] = []
        if share is None:
            return files
        from generator.site.mkdocs_halves import half_of

        pages = list(files.documentation_pages())
        mine = {id(file) for file in half_of(pages, share)}
        for file in files:
            if id(file) in mine:
                self.built.append(file.dest_uri)
            elif file.is_documentation_page() or share[0] > 0:
                mkdocs_api.exclude(file)
        return files

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        """Note the navigation's unit sections (unit → years), for `on_page_context`.
        On two cores, the other half's pages are read for their front matter (an
        `icon:` or `status:` shows in every page's navigation), not converted."""
        if getattr(self, "share", None) is not None:
            for page in nav.pages:
                if page.file.inclusion.is_excluded() and page.file.abs_src_path:
                    page.read_source(config)
        units = {(str(folder), str(title)) for folder, title in self.config.units}
        # a unit's section has the unit's title (its name, else its id) and holds its
        # folder (a unit named `guide` does not take the guide's section for its own)
        self.unit_sections = {id(item) for item in nav.items
                              if (_first_page_folder(item), getattr(item, "title", None)) in units}
        return nav

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """Each page's navigation holds its own unit's section and no other unit's.

        With `navigation.prune` a page still listed every unit once, so pages grew
        with the group (2.4 KB per unit per page) and so did the build.  The home
        page lists every unit's years: that is where another unit is found."""
        sections: set[int] = getattr(self, "unit_sections", set())
        if len(sections) < 2:
            return context
        top = page
        while top.parent is not None:
            top = top.parent
        items = [item for item in nav.items if id(item) not in sections or item is top]
        context["nav"] = mkdocs_api.navigation(items, nav.pages)
        return context

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """Material's templates compiled once, kept beside the render cache: MkDocs
        compiles them again on every build and every serve rebuild (half a second)."""
        from jinja2 import FileSystemBytecodeCache

        folder = Path(config["docs_dir"]).parent / ".planbook-cache" / "jinja"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return env  # a read-only build folder: compile as usual
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        if page.file.src_uri in self.config.sanitize:
            return sanitize_html(html)
        return html

    def on_post_build(self, config: Any) -> None:
        """Result titles without the zero-width spaces the search plugin puts between
        Chinese words (the text keeps them: that is how the index is segmented)."""
        from generator.site.search import clean_search_index

        index = Path(config["site_dir"]) / "search" / "search_index.json"
        key = str(Path(config["site_dir"]).resolve())
        cleaned = clean_search_index(index, _SEARCH_INDEXES.get(key), merge=self.config.serving,
                                     docs=Path(config["docs_dir"]))
        if self.config.serving:
            _SEARCH_INDEXES[key] = cleaned
        self._release()

    def on_pre_build(self, config: Any) -> None:
        # MkDocs keeps one instance per process of a plugin with `on_startup`, and
        # under dirty builds Material's search merges the index of its last build
        # into the next, assuming one page per rebuild (another rebuilt page's
        # entries come twice) and never dropping a deleted page; a full build after
        # a dirty one in the same process would carry them too.  Planbook merges
        # the index itself (on_post_build, site/search.py): Material's is dropped.
        for plugin in config.plugins.values():
            if getattr(plugin, "search_index_prev", None) is not None:
                plugin.search_index_prev = None
        if self.config.serving:
            from generator.site.serve import BUILD_STARTED, RENDER_OR_BUILD

            RENDER_OR_BUILD.acquire()
            self.holding = True
            BUILD_STARTED.set()

    def on_build_error(self, error: Exception) -> None:
        self._release()

    def _release(self) -> None:
        if getattr(self, "holding", False):
            from generator.site.serve import RENDER_OR_BUILD

            self.holding = False
            RENDER_OR_BUILD.release()

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """Under `planbook serve`, Planbook asks for the rebuilds (site/serve.py)."""
        if self.config.serving:
            from generator.site.serve import attach_server

            attach_server(Path(config["docs_dir"]), server)
        return server

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """Under serve, the page shows the problems of the last render (fetched, so a
        broken plan shows on every page at once without rebuilding them)."""
        if not self.config.serving:
            return output
        from generator.site.serve import serve_script

        root = "../" * page.file.url.count("/")
        return output.replace("</body>", serve_script(root) + "</body>", 1)

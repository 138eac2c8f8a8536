"""The MkDocs configuration of a Planbook site: the packaged default under the
project's own mkdocs.yml, plus what the rendered pages need."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.settings import Settings, load_config as _load_with_nodes, read_settings

# The settings of the site are the one settings object (`generator.settings`).
ProjectSettings = Settings


def load_config(project: Path) -> dict[str, Any]:
    """The default configuration with the project's mkdocs.yml laid over it."""
    return _load_with_nodes(project)[0]


def settings_of(project: Path) -> tuple[Settings, dict[str, Any], list[Any]]:
    """Settings, the merged configuration and the problems of the project's mkdocs.yml."""
    return read_settings(project)


def site_config(config: dict[str, Any], nav: list[Any], docs_dir: str = "docs", site_dir: str = "site") -> dict[str, Any]:
    """The configuration written next to the rendered pages."""
    out = dict(config)
    out["docs_dir"] = docs_dir
    out["site_dir"] = site_dir
    out.setdefault("nav", nav)
    if out.get("nav") is None:
        out["nav"] = nav
    css = list(out.get("extra_css") or [])
    if "assets/planbook.css" not in css:
        css.append("assets/planbook.css")
    out["extra_css"] = css
    from generator.render.site import PHONE_SCRIPT

    scripts = list(out.get("extra_javascript") or [])
    if PHONE_SCRIPT not in scripts:
        scripts.append(PHONE_SCRIPT)
    out["extra_javascript"] = scripts
    # The pages put Markdown tables inside <details>: md_in_html must be on,
    # whatever the project's own list of extensions says.
    extensions = list(out.get("markdown_extensions") or [])
    if not any((e if isinstance(e, str) else next(iter(e), "")) == "md_in_html" for e in extensions):
        extensions.append("md_in_html")
    out["markdown_extensions"] = extensions
    _offline_search(out)
    theme = dict(out.get("theme") or {})
    theme["font"] = False  # never Google Fonts, whatever the override says
    out["theme"] = theme
    return out


def _offline_search(config: dict[str, Any]) -> None:
    """Search that works opened from disk (file://): Material's offline plugin inlines
    the index into a script, and the iframe-worker shim it needs is served from the
    site itself (the plugin would otherwise load it from unpkg.com)."""
    from generator.render.site import SEARCH_SHIM

    from generator.site.search import SEPARATOR

    plugins = list(config.get("plugins") or ["search"])
    names = [p if isinstance(p, str) else next(iter(p), "") for p in plugins]
    if "search" in names:  # Chinese split as the index and the query need it, unless the project says otherwise
        at = names.index("search")
        entry = plugins[at]
        options = dict(entry["search"] or {}) if isinstance(entry, dict) else {}
        options.setdefault("separator", SEPARATOR)
        plugins[at] = {"search": options}
    if "search" in names and "offline" not in names:
        plugins.insert(names.index("search") + 1, "offline")
    config["plugins"] = plugins
    extra = dict(config.get("extra") or {})
    polyfills = list(extra.get("polyfills") or [])
    if SEARCH_SHIM not in polyfills:
        polyfills.append(SEARCH_SHIM)
    extra["polyfills"] = polyfills
    config["extra"] = extra


def dump(config: dict[str, Any]) -> str:
    return str(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))

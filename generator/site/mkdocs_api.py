"""Every part of MkDocs that Planbook touches, in one module.

Planbook runs MkDocs as a library: its plugin (`site/plugin.py`), a build on two
cores (`site/mkdocs_halves.py`) and the live preview (`site/serve.py`).  They
reach MkDocs only through the names here, so a new MkDocs version is checked in
one place: `tests/test_mkdocs_api.py` fails when the installed MkDocs is outside
`TESTED` or when one of the names below is gone.

Public API: the plugin base class and its typed options, a file's inclusion level
(how the two-core build leaves the other half's pages out), the navigation object,
`load_config`, `build` and `serve`.  One private part: the live-reload server's
`_rebuild_cond` and `_want_rebuild`, which is how a rebuild is asked without a file
event (exactly what MkDocs' own watcher does on a change, mkdocs/livereload);
where a server lacks them, MkDocs' own watcher stays in charge.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

# The MkDocs versions this module was written and tested against (pyproject pins the same).
TESTED = ("1.6.1", "1.7")  # from (inclusive) … to (exclusive)

# The live-reload server's parts Planbook uses (`ask_to_rebuild`).
_SERVER_PARTS = ("_rebuild_cond", "_want_rebuild", "unwatch")

__all__ = ["BasePlugin", "Config", "config_options", "TESTED", "exclude", "navigation", "load_config", "build",
           "serve", "takes_rebuild_requests", "ask_to_rebuild"]


def exclude(file: Any) -> None:
    """Leave `file` out of this build (not read, not written; still in the navigation)."""
    from mkdocs.structure.files import InclusionLevel

    file.inclusion = InclusionLevel.EXCLUDED


def navigation(items: list[Any], pages: list[Any]) -> Any:
    """A navigation of `items` over `pages` (a page's own view of the site's)."""
    from mkdocs.structure.nav import Navigation

    return Navigation(items, pages)


def load_config(config_file: str, **overrides: Any) -> Any:
    from mkdocs.config import load_config as load

    return load(config_file=config_file, **overrides)


def build(config: Any, dirty: bool = False) -> None:
    from mkdocs.commands.build import build as run_build

    run_build(config, dirty=dirty)


def serve(config_file: str, address: str) -> None:
    """MkDocs' live-reload server on the built folder's configuration; dirty rebuilds."""
    from mkdocs.commands.serve import serve as run_serve

    run_serve(config_file=config_file, livereload=True, build_type="dirty", dev_addr=address)


def takes_rebuild_requests(server: Any) -> bool:
    """Whether `ask_to_rebuild` can drive this server (MkDocs 1.6's does)."""
    return all(hasattr(server, name) for name in _SERVER_PARTS)


def ask_to_rebuild(server: Any) -> None:
    """Make the server rebuild as if a watched file had changed."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()

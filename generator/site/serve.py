"""`planbook serve`: edit a plan, see the page — in about a second, at any size.

MkDocs' own serve rebuilds the whole site on every change, and a render started
from inside that rebuild writes into the folder MkDocs watches, which asks for a
second rebuild.  Instead:

- Planbook watches the plans (and the project's templates) itself and re-renders
  what changed into the build folder, years whose inputs did not change
  untouched (the render cache);
- MkDocs rebuilds dirty (just the pages whose Markdown changed), when Planbook
  asks, once a render has written all its files: MkDocs' own watcher polls the
  build folder every half second and could start a rebuild between two files
  of one render (`attach_server`, through the plugin's `on_serve`);
- a render after the first comes in two phases: the years whose files changed,
  alone, and a rebuild, which shows the page being edited; then the years that
  compare with them (next year's changes page, 同比) and the pages that span
  years (home, problems, and the guide, whose examples are the first plan and
  review), and a second rebuild if they changed (`hand_over_to_mkdocs`,
  site/build.py);
- the problems banner does not need a rebuild: each page fetches
  `_planbook/status.json` when it loads (livereload reloads it after every
  rebuild) and shows the problems of the last render on top;
- the search index of a dirty build holds only the pages it rebuilt; the
  planbook plugin merges it into the previous one (site/search.py).

Measured end to end over HTTP (benchmarks/run.py, "serve edit→page").
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any, Callable

from generator.render.site import SERVE_FOLDER
from generator.words import say

STATUS = f"{SERVE_FOLDER}/status.json"
# Editors write a file in several steps (truncate, write, rename): wait for quiet.
_QUIET_S = 0.05


def status_json(problems: list[Any], message: str | None, lang: str) -> str:
    """The banner for every page, as the serve script shows it (HTML, escaped)."""
    from markdown import markdown

    banner = problem_banner(problems, message, lang)
    html = markdown(banner, extensions=["admonition"]) if banner else ""
    return json.dumps({"banner": html}, ensure_ascii=False)


def problem_banner(problems: list[Any], message: str | None, lang: str) -> str:
    """An admonition that lists the problems, errors first (the root cause leads),
    with file and line; empty when there is nothing to say."""
    from generator.render.tables import md

    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    if not errors and not warnings and not message:
        return ""
    if errors:
        title = say("serve_errors", lang, count=len(errors))
        kind = "failure"
    elif message:
        title = say("serve_not_rebuilt", lang)
        kind = "failure"
    else:
        title = say("serve_warnings", lang, count=len(warnings))
        kind = "warning"
    lines = [f'!!! {kind} "{title}"', ""]
    if message and not problems:
        lines.append(f"    {md(message)}")
    for problem in [*errors, *warnings][:20]:
        mark = "✘" if problem.is_error else "⚠"
        # The file name is plan-repository text like the message: escaped, never a
        # code span a backtick in the name could close.
        lines.append(f"    - {mark} <code>{md(f'{problem.path}:{problem.line}:{problem.column}')}</code> "
                     f"{md(problem.message(lang))} <code>[{md(problem.code)}]</code>")
    if len(problems) > 20:
        lines.append("    - … " + say("serve_more", lang, count=len(problems) - 20))
    return "\n".join(lines)


class PlanWatcher:
    """Calls `rerender` once after each burst of changes under `folders`."""

    def __init__(self, folders: list[Path], rerender: Callable[[], object], ignore: Path) -> None:
        self.folders, self.rerender, self.ignore = folders, rerender, ignore.resolve()
        self.changed = threading.Event()
        self.stopped = threading.Event()
        self.observer: Any = None

    def start(self) -> None:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type in ("opened", "closed_no_write"):
                    return
                path = Path(str(event.src_path)).resolve()
                if watcher.ignore in path.parents or path == watcher.ignore:
                    return  # the build folder, when it sits inside the plans folder
                watcher.changed.set()

        self.observer = Observer()
        for folder in self.folders:
            if folder.is_dir():
                self.observer.schedule(Handler(), str(folder), recursive=True)
        self.observer.daemon = True
        self.observer.start()
        threading.Thread(target=self._loop, name="planbook-rerender", daemon=True).start()

    def _loop(self) -> None:
        while not self.stopped.is_set():
            if not self.changed.wait(timeout=0.5):
                continue
            while True:  # the burst is over when nothing changed for a moment
                self.changed.clear()
                if not self.changed.wait(timeout=_QUIET_S):
                    break
            try:
                self.rerender()
            except Exception:  # noqa: BLE001 - a failed render must not stop the preview
                import logging

                logging.getLogger("planbook").exception("re-render failed")

    def stop(self) -> None:
        self.stopped.set()
        if self.observer is not None:
            self.observer.stop()


# MkDocs' live-reload server of each docs folder, once it runs; and the folders a
# render changed before it ran (the edit landed during the first build).
_SERVERS: dict[str, Any] = {}
_PENDING: set[str] = set()
_SERVERS_LOCK = threading.Lock()

# A render and an MkDocs build never overlap: a dirty build that read a page while
# it was re-rendered would stamp its output newer than the page, and never rebuild it.
# The plugin holds it from `on_pre_build` to `on_post_build` (or `on_build_error`).
RENDER_OR_BUILD = threading.Lock()


def attach_server(docs: Path, server: Any) -> None:
    """Take over when MkDocs rebuilds the site in `docs`: Planbook asks after each render."""
    from generator.site import mkdocs_api

    if not mkdocs_api.takes_rebuild_requests(server):
        return  # another MkDocs than 1.6: its own watcher stays in charge
    key = str(docs.resolve())
    server.unwatch(str(docs))
    with _SERVERS_LOCK:
        _SERVERS[key] = server
        pending = key in _PENDING
    if pending:
        request_rebuild(docs)


def request_rebuild(docs: Path) -> bool:
    """Ask MkDocs to rebuild the site of `docs`; False when its server does not run
    yet (it rebuilds once it does)."""
    key = str(docs.resolve())
    with _SERVERS_LOCK:
        server = _SERVERS.get(key)
        if server is None:
            _PENDING.add(key)
            return False
        _PENDING.discard(key)
    from generator.site import mkdocs_api

    mkdocs_api.ask_to_rebuild(server)
    return True


# Set by the plugin once a rebuild holds RENDER_OR_BUILD.
BUILD_STARTED = threading.Event()


def hand_over_to_mkdocs(patience: float = 2.0) -> None:
    """From inside a render (holding RENDER_OR_BUILD) that asked for a rebuild: let
    MkDocs' rebuild take the lock, and go on once it is done.  A rebuild that does
    not start within `patience` seconds waits for the render instead."""
    BUILD_STARTED.clear()  # before the release: the rebuild sets it holding the lock
    RENDER_OR_BUILD.release()
    try:
        BUILD_STARTED.wait(patience)
    finally:
        RENDER_OR_BUILD.acquire()


def serve_script(root: str) -> str:
    """Shows the banner of the last render on top of the page (serve only)."""
    return ("<script>fetch(" + json.dumps(root + STATUS) + ",{cache:'no-store'}).then(r=>r.json()).then(s=>{"
            "if(!s.banner)return;const a=document.querySelector('article');if(!a)return;"
            "const d=document.createElement('div');d.className='pb-serve-banner';d.innerHTML=s.banner;"
            "a.prepend(d);}).catch(()=>{});</script>")

"""Run the pipeline and MkDocs: `planbook render`, `build` and `serve`.

A build renders into a build folder, builds into a new folder beside `site/`
and swaps it in only on success, under a lock, so a failed or concurrent
build never leaves a broken site.
"""

from __future__ import annotations

import datetime as dt
import contextlib
import fcntl
import functools
import gc
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from generator.files import current_umask, write_text_if_changed
from generator.pipeline import Key, Project, RenderCache
from generator.problems import Problem, display_path, format_text, make, os_reason
from generator.site.config import ProjectSettings, dump, load_config, settings_of, site_config

@dataclass
class Outcome:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    message: str | None = None
    written: list[str] = field(default_factory=list)


def render_site_folder(project: Path, out: Path, plans: Path | None = None, strict: bool = False,
           mkdocs_site_dir: str = "site", serving: bool = False, cache: RenderCache | None = None,
           between_phases: Callable[[list[Problem]], None] | None = None, history: bool = True,
           refresh: bool = False) -> Outcome:
    """Load, validate, compute and render into `out/docs`, with `out/mkdocs.yml`.

    A warehouse query's result is kept in `out/.planbook-cache/sql` (spec 16): the
    build is reproducible until `refresh` asks the warehouse again.

    Years whose inputs are unchanged since the render the folder holds are neither
    recomputed nor re-rendered: `cache` is `serve`'s, kept in memory between
    renders; without one, the cache in `out/.planbook-cache` is used.  With
    `between_phases` (serve), a render after the first comes in two phases (the
    changed years; then the years comparing with them and the pages spanning
    years), and `between_phases` is called between the two with the problems.  Without
    `history` no 历史 pages are read from git (golden pages stay the same whatever
    the repository's commits)."""
    from generator.load.warehouse import QueryOptions
    from generator.pipeline import open_project
    from generator.validate import gc_paused

    own, config, setting_problems = settings_of(project)
    plans_dir = plans or (project / own.plans)
    if not plans_dir.exists():
        return Outcome(False, setting_problems, message=f"{plans_dir}: no such folder")
    if cache is None:
        cache = RenderCache(folder=out / ".planbook-cache")
    loaded = open_project(plans_dir, own, setting_problems=setting_problems, cache=cache,
                          warehouse=QueryOptions(out / ".planbook-cache" / "sql", refresh))
    if loaded.has_errors(strict):
        return Outcome(False, loaded.problems)
    with gc_paused():  # tables and pages are acyclic: the collector only slowed this by 10 %
        return _render_pages(project, out, config, own, loaded, serving, mkdocs_site_dir, between_phases, history)


def _render_pages(project: Path, out: Path, config: dict[str, Any], own: ProjectSettings, loaded: Project,
                  serving: bool, mkdocs_site_dir: str, between_phases: Callable[[list[Problem]], None] | None = None,
                  history: bool = True) -> Outcome:
    from jinja2 import TemplateError

    from generator.render.site import SERVE_FOLDER, SiteOptions, render_site
    from generator.render.plan_histories import plan_histories
    from generator.render.redo_years import compute_and_render

    workspace, problems, cache, plans_dir = loaded.workspace, loaded.problems, loaded.cache, loaded.plans
    # The histories are part of the options, so of every year's fingerprint: a new
    # commit renders the years again even when it changed no file's contents.
    options = SiteOptions(own.lang, own.thresholds, project / "site_templates", own.site_name,
                          tuple(sorted(own.units.items())), today=dt.date.today(),
                          histories=plan_histories(plans_dir, workspace, own.lang, cache.folder or out / ".planbook-cache",
                                                   _code_digest().hex()) if history else ())
    if not serving:  # what `serve` keeps in a build folder it shares with `build` is not published
        shutil.rmtree(out / "docs" / SERVE_FOLDER, ignore_errors=True)
    try:
        fingerprints = year_fingerprints(workspace, project, repr(options), problems)
        cached_reports, unchanged = {}, {}
        for key in workspace.units_years():
            cached = cache.get(key, fingerprints[key])
            # The stamp says the year's folder holds exactly this render (written after
            # a render succeeded, removed before one starts): a year whose render failed
            # half way is rendered again, even once its inputs are back as they were.
            if cached is not None and _stamp_of(out, key) == fingerprints[key]:
                cached_reports[key], unchanged[key] = cached
        todo = [key for key in workspace.units_years() if key not in unchanged]
        for key in todo:
            _stamp_path(out, key).unlink(missing_ok=True)

        def render(keys: list[Key], reports_kept: dict[Key, Any], navs_kept: dict[Key, list[Any]],
                   held_back: list[Key], spanning: bool) -> Outcome:
            """Compute and render `keys`; the other years keep their folders (and pages
            that span years show `reports_kept` for them).  `held_back` years keep their
            last render's cache entry: they are rendered next, with the pages that span
            years (which `spanning` writes)."""
            # Under serve the plugin runs inside MkDocs' threaded server: no fork there.
            fresh, years = compute_and_render(loaded, keys, out / "docs", options, parallel=not serving)
            reports = [reports_kept[key] if key in reports_kept else fresh[key] for key in workspace.units_years()]
            rendered = render_site(loaded, reports, out / "docs", options, navs_kept, years,
                                   spanning=spanning)
            cache.update({(r.unit, r.year): cache.entries[(r.unit, r.year)] if (r.unit, r.year) in held_back
                          else (fingerprints[(r.unit, r.year)], r, rendered.year_navs[(r.unit, r.year)])
                          for r in reports})
            return _finish(out, config, rendered, serving, mkdocs_site_dir, problems,
                           {key: fingerprints[key] for key in keys})

        if between_phases is None or not todo or not cache.entries:
            return render(todo, cached_reports, unchanged, [], spanning=True)
        # Under serve, a render after the first comes in two phases, so that MkDocs
        # shows the page being edited sooner: the years whose own files changed,
        # alone; then (MkDocs rebuilding meanwhile) the years that only compare with
        # them and the pages that span years (home, problems, guide).
        later = _comparing_years(workspace, todo, cache)
        first = [key for key in todo if key not in later]
        outcome = render(first, {**cached_reports, **{key: cache.entries[key][1] for key in later}},
                         {**unchanged, **{key: cache.entries[key][2] for key in later}}, later, spanning=False)
        if not outcome.ok:
            return outcome
        between_phases(problems)
        navs = {key: nav for key, (_fingerprint, _report, nav) in cache.entries.items() if key not in later}
        reports = {key: report for key, (_fingerprint, report, _nav) in cache.entries.items() if key not in later}
        # What phase 1 wrote MkDocs has been asked to rebuild: what is left is phase 2's.
        return render(later, reports, navs, [], spanning=True)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f"{getattr(exc, 'filename', None) or getattr(exc, 'name', '')}:{line}" if line else ""
        return Outcome(False, problems, message=f"template error {where}: {exc}")


def _comparing_years(workspace: Any, todo: list[Key], cache: RenderCache) -> list[Key]:
    """The years to render again only because the year they compare with is (their
    baseline is in `todo` too, and the last render of them is at hand)."""
    redo = set(todo)
    return [key for key in todo if (key[0], _baseline_year(workspace, *key)) in redo and key in cache.entries]


def _baseline_year(workspace: Any, unit: str, year: int) -> int:
    plan = workspace.plan(unit, year)
    return int(getattr(plan.model, "baseline_year", year - 1)) if plan else year - 1


def _finish(out: Path, config: dict[str, Any], rendered: Any, serving: bool, mkdocs_site_dir: str,
            problems: list[Problem], stamps: dict[Key, str]) -> Outcome:
    """The MkDocs configuration and navigation of a render, and the stamps of the
    years it rendered; a page two things wanted fails the render."""
    if rendered.collisions:
        # Two things wanted the same page: the first kept it, and the build fails
        # with a problem rather than lose one of them.
        collided = [make("page-collision", second if second.endswith(".md") else "mkdocs.yml", 1, 1,
                         page=page, first=first, second=second) for page, first, second in rendered.collisions]
        return Outcome(False, problems + collided)
    final = site_config(config, rendered.nav, docs_dir="docs", site_dir=mkdocs_site_dir)
    plugin: dict[str, Any] = {"sanitize": sorted(rendered.own_pages)}
    if rendered.units:
        plugin["units"] = [list(pair) for pair in sorted(rendered.units)]
    if serving:
        plugin["serving"] = True
    if config.get("nav") is None:
        # The generated navigation (every page of every year) goes to nav.json, which
        # the plugin reads: in mkdocs.yml it was thousands of YAML nodes that MkDocs
        # parses in pure Python on every build and every serve rebuild.
        import json

        write_text_if_changed(out / NAV_FILE, json.dumps(final.pop("nav"), ensure_ascii=False, indent=1) + "\n")
        plugin["nav_file"] = NAV_FILE
    final["plugins"] = list(final.get("plugins") or ["search"]) + [{"planbook": plugin}]
    write_text_if_changed(out / "mkdocs.yml", dump(final))
    for key, fingerprint in stamps.items():
        _stamp_path(out, key).write_text(fingerprint, encoding="utf-8")
    return Outcome(True, problems, written=rendered.written)


# In each (unit, year) folder: the fingerprint of the render it holds.  A dot file:
# MkDocs leaves it out of the site.
STAMP = ".planbook-fingerprint"


def _stamp_path(out: Path, key: tuple[str, int]) -> Path:
    return out / "docs" / key[0] / str(key[1]) / STAMP


def _stamp_of(out: Path, key: tuple[str, int]) -> str | None:
    try:
        return _stamp_path(out, key).read_text(encoding="utf-8")
    except OSError:
        return None


NAV_FILE = "nav.json"


def year_fingerprints(workspace: Any, project: Path, options: str,
                      problems: list[Problem]) -> dict[tuple[str, int], str]:
    """A hash of everything one (unit, year)'s pages are made of: its documents and its
    baseline year's, every file they read (`source:`, the ad and item reports), the
    operators' pages (text and place), the year's problems, the templates, the options
    and Planbook's own code.  Contents, not times: a fresh checkout of the same
    commit (a CI job with `build/` restored) has the same fingerprints."""
    import hashlib

    from generator.model.scenarios import scenario_year
    from generator.model.workspace import files_read
    from generator.render.site import PACKAGED_TEMPLATES

    common = hashlib.sha256(options.encode())
    common.update(_code_digest())
    for folder in (project / "site_templates", PACKAGED_TEMPLATES):
        common.update(_folder_digest(folder))
    pages = hashlib.sha256()
    for page in workspace.pages:
        pages.update(f"{page.path}\0{page.text}\0".encode())
    fingerprints = {}
    for unit, year in workspace.units_years():
        digest = hashlib.sha256(common.digest() + pages.digest())
        baseline = _baseline_year(workspace, unit, year)
        paths = set()
        for document in workspace.documents:
            if document.key in ((unit, year), (unit, baseline)):
                paths.add(document.path)
                digest.update(file_digest(document.file))
                for file in files_read(document, workspace.root):
                    digest.update(file_digest(file))
                if getattr(document.model, "source_query", None) is not None:
                    # a warehouse's answer is no file: its rows are (`build --refresh` may change them)
                    digest.update(repr(document.source_rows).encode())
        for overlay in workspace.scenarios:  # its 情景 page (spec 14)
            if scenario_year(workspace, overlay) == (unit, year):
                paths.add(overlay.path)
                digest.update(file_digest(overlay.file))
        for problem in problems:
            if problem.path in paths:
                digest.update(repr(problem).encode())
        fingerprints[(unit, year)] = digest.hexdigest()
    return fingerprints


def _folder_digest(folder: Path) -> bytes:
    import hashlib

    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(folder)}\0".encode() + file_digest(path))
    return digest.digest()


# `serve` fingerprints the same files on every render: a file whose size, times
# and inode are as when it was last read is not read again (the change time
# moves on every write, also when a tool restores the modification time, as
# `cp -p` or `rsync -a` do).  As git does for its index, a file changed in the
# last seconds is always read: an edit within the file system's clock tick that
# kept the size could otherwise go unseen.
_DIGESTS: dict[Path, tuple[tuple[int, int, int, int], bytes]] = {}
_RECENT_NS = 2_000_000_000


def file_digest(path: Path) -> bytes:
    """The SHA-256 of a file's contents."""
    import hashlib
    import time

    stat = path.stat()
    state = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    known = _DIGESTS.get(path)
    if known is not None and known[0] == state:
        return known[1]
    digest = hashlib.sha256(path.read_bytes()).digest()
    if time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) > _RECENT_NS:
        _DIGESTS[path] = (state, digest)
    return digest


@functools.lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """Planbook's own code, once per process: an upgraded Planbook renders everything again."""
    return _folder_digest(Path(__file__).resolve().parents[1])


@contextlib.contextmanager
def build_lock(site_dir: Path, build_dir: Path) -> Iterator[None]:
    """One build at a time per site folder (two at once would race on the render and the swap).

    The lock file lives inside the build folder (ignored, like `site/`), never beside
    the plans where `git add .` would pick it up."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / f".{site_dir.name}.planbook-lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _quiet_mkdocs() -> None:
    """MkDocs 1.6 prints a banner about MkDocs 2 and jieba its dictionary loading: noise
    in a build log, silenced in one place."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        import jieba

        jieba.setLogLevel(logging.WARNING)
    except ImportError:  # pragma: no cover - search then works without segmentation
        pass


def mkdocs_build(config_file: Path, site_dir: Path, strict: bool = False, dirty: bool = False,
                 two_cores: bool | None = None) -> None:
    """A plain MkDocs build of a rendered folder into `site_dir`; `dirty` rebuilds only
    the pages whose files changed, as MkDocs' own `serve` does.  A full build of a
    large site runs on two cores (site/mkdocs_halves.py; `two_cores` forces the choice)."""
    _quiet_mkdocs()
    from generator.site import mkdocs_api
    from generator.site.mkdocs_halves import build_on_two_cores, run_mkdocs, suits_two_cores, worth_two_cores

    config = mkdocs_api.load_config(str(config_file), site_dir=str(site_dir), strict=strict)
    if two_cores is None:
        two_cores = not dirty and worth_two_cores(Path(config["docs_dir"]))
    if two_cores and suits_two_cores(config):
        build_on_two_cores(config)
    else:
        run_mkdocs(config, dirty)


def build(project: Path, site_dir: Path, build_dir: Path, plans: Path | None = None, strict: bool = False,
          progress: Callable[[str, int, int], None] | None = None, refresh: bool = False) -> Outcome:
    """Render, then build `site_dir` atomically: on any failure the old site stays,
    and no `.site.new-*` or `.site.old-*` folder is left behind.  `progress(step,
    pages, redone)` hears when the pages are rendered ("rendered": Markdown pages
    and the (unit, year)s rendered again) and when MkDocs starts on them ("mkdocs")."""
    site_dir, build_dir = site_dir.resolve(), build_dir.resolve()
    try:
        with build_lock(site_dir, build_dir):
            outcome = render_site_folder(project, build_dir, plans, strict, refresh=refresh)
            if not outcome.ok:
                return outcome
            if progress is not None:
                pages = sum(1 for _ in (build_dir / "docs").rglob("*.md"))
                redone = sum(1 for name in outcome.written if re.fullmatch(r"[^/]+/\d{4}/(plan|review)\.md", name))
                progress("rendered", pages, redone)
            # MkDocs runs next in this process, with the render's objects (the workspace
            # and its YAML nodes) still alive: frozen, the garbage collector stops
            # walking them on every collection of MkDocs' own.
            gc.freeze()
            return _build_and_swap(build_dir, site_dir, strict, outcome)
    except OSError as exc:  # an unwritable site/, build/ or parent folder: the user's to fix
        target = exc.filename or site_dir
        problem = make("site-unwritable", display_path(str(target)), 1, 1, target=display_path(str(target)),
                       **os_reason(exc))
        return Outcome(False, [problem])


def _build_and_swap(build_dir: Path, site_dir: Path, strict: bool, outcome: Outcome) -> Outcome:
    site_dir.parent.mkdir(parents=True, exist_ok=True)  # `--site-dir out/site` without out/ yet, as MkDocs allows
    _remove_leftovers(site_dir)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        # mkdtemp makes the folder 0700: the site gets what the umask gives, like any
        # folder the user makes, so a web server user can read it.
        os.chmod(fresh, 0o777 & ~current_umask())
        mkdocs_build(build_dir / "mkdocs.yml", fresh, strict)
        _swap(fresh, site_dir)
    except OSError:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    except BaseException as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        # MkDocs' Abort is a SystemExit too: a failed build, not a request to stop.
        if isinstance(exc, KeyboardInterrupt) or type(exc) is SystemExit:
            raise
        return Outcome(False, outcome.problems, message=f"mkdocs build failed: {exc}")
    return outcome


def _remove_leftovers(site_dir: Path) -> None:
    """Folders a killed build (SIGTERM from a cancelled CI job) left beside the site.
    Called under the build lock, so no other build is using them."""
    for leftover in site_dir.parent.glob(f".{site_dir.name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in site_dir.parent.glob(f".{site_dir.name}.old-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _swap(fresh: Path, site_dir: Path) -> None:
    """Put `fresh` where `site_dir` is; on a failure the old site is put back."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        os.rename(site_dir, old)
    try:
        os.rename(fresh, site_dir)
    except OSError:
        if old is not None:
            os.rename(old, site_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
        if old.exists():  # a read-only tree inside: make it writable, then remove it
            for folder, _dirs, _files in os.walk(old):
                with contextlib.suppress(OSError):
                    os.chmod(folder, 0o755)
            shutil.rmtree(old, ignore_errors=True)


def serve(project: Path, build_dir: Path, address: str, plans: Path | None = None) -> Outcome:
    """Live preview (site/serve.py): Planbook re-renders on every change under the
    plans or the project's templates, MkDocs rebuilds the changed pages only."""
    from generator.site.serve import RENDER_OR_BUILD, PlanWatcher, hand_over_to_mkdocs

    own: ProjectSettings = settings_of(project)[0]
    cache = RenderCache(folder=build_dir / ".planbook-cache")

    def rerender() -> Outcome:
        with RENDER_OR_BUILD:  # never while MkDocs reads the pages (site/serve.py)
            return serve_render(project, build_dir, plans, cache, handoff=hand_over_to_mkdocs)

    outcome = rerender()
    if not (plans or project / own.plans).is_dir():
        return outcome  # nothing to watch: the command says so and stops
    _quiet_mkdocs()
    from generator.site import mkdocs_api

    watched = [(plans or project / own.plans).resolve(), (project / "site_templates").resolve()]
    watcher = PlanWatcher(watched, rerender, ignore=build_dir)
    watcher.start()
    try:
        mkdocs_api.serve(str(build_dir / "mkdocs.yml"), address)
    finally:
        watcher.stop()
    return Outcome(True, outcome.problems)


def serve_render(project: Path, build_dir: Path, plans: Path | None, cache: RenderCache,
                 handoff: Callable[[], None] | None = None) -> Outcome:
    """One render under serve: the pages of what changed, or (when the plans have
    errors) the last good pages kept and the problems on the home and problems
    pages; the problems of this render in `_planbook/status.json` for every page.

    The years whose files changed are rendered first and MkDocs is asked to rebuild
    them (`handoff` lets it, from inside the render); the years that only compare
    with them follow, and a second rebuild."""
    from generator.site.serve import STATUS, request_rebuild, status_json

    docs = build_dir / "docs"
    lang = settings_of(project)[0].lang

    def show_first(problems: list[Problem]) -> None:
        write_text_if_changed(docs / STATUS, status_json(problems, None, lang))
        if request_rebuild(docs) and handoff is not None:
            handoff()

    outcome = render_site_folder(project, build_dir, plans, serving=True, cache=cache, between_phases=show_first)
    changed = bool(outcome.written)
    if not outcome.ok:  # problems in the plans, or a template error: said on the pages
        changed |= render_problem_pages(project, build_dir, outcome, plans)
    changed |= write_text_if_changed(docs / STATUS, status_json(outcome.problems, outcome.message, lang))
    if changed:
        request_rebuild(docs)
    return outcome


def render_problem_pages(project: Path, build_dir: Path, outcome: Any, plans: Path | None) -> bool:
    """The plans do not validate: say so on the home and problems pages, keep the rest.
    True when a page changed."""
    docs = build_dir / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    listing = format_text(outcome.problems, "zh") if outcome.problems else (outcome.message or "")
    body = ("# 计划有错误 / The plans have errors\n\n"
            "!!! failure \"planbook check\"\n    页面在修正前显示上一次的结果。 Pages show the last good render.\n\n"
            "```text\n" + listing.replace("```", "`​``") + "\n```\n")
    changed = False
    for name in ("index.md", "problems.md"):
        changed |= write_text_if_changed(docs / name, body)
    config = build_dir / "mkdocs.yml"
    if not config.exists():
        config.write_text(dump(site_config(load_config(project), [{"Problems": "index.md"}])), encoding="utf-8")
    return changed

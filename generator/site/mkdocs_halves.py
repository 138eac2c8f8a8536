"""MkDocs on two cores: a build's pages in two halves, one process each.

MkDocs builds one page after another: it converts the Markdown, indexes the page
for search and renders Material's template, about 45 ms a page and nearly all of
a large site's build, on one core.  The pages do not need one another (each
page's navigation comes from the navigation file, with its titles), so they split:

- only a site whose navigation Planbook wrote (every entry titled) and whose
  plugins are Planbook's (search, offline, planbook) is split: a page of the
  other half is never converted, and other plugins may need every page;
- the `planbook` plugin (site/plugin.py, `on_files`) marks the pages outside its
  process's half as excluded, MkDocs' own mechanism for `exclude_docs`: not converted,
  not built, still in the navigation, and links to them keep their URLs; their
  front matter is read (`on_nav`: an `icon:` shows in every page's navigation);
- a forked child builds the second half into a folder of its own (without the
  static files, which the parent copies); the parent builds the first half into
  the site, then moves the child's pages in and joins the two search indexes and
  the two sitemaps.

The halves are contiguous runs of pages in MkDocs' own order, cut where the
Markdown bytes are half done, so joining the indexes and sitemaps in order gives
the one-process site byte for byte (tests/test_mkdocs_halves.py).  On 40 units
× 3 years this takes MkDocs from about 65 s to about 35 s.

One check is weaker: a link to an anchor (`page.md#section`) in a page of the
other half is not checked, as that page was not read.  MkDocs reports a broken
anchor at `info` level (no failure, even in strict mode) unless a project raises
`validation: links: anchors`.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import struct
from pathlib import Path
from typing import Any

from generator.render.split_work import in_two_processes, two_cores_available

# Below this many pages the second process (fork, its own theme set-up and
# navigation, the joining) costs about what it saves; the demo's 30 pages build in
# 3.9 s on two cores against 4.8-5.3 s on one.
TWO_CORES_FROM_PAGES = 20
# A page's fixed cost (template, search entry, write) in Markdown bytes: the halves
# are cut by bytes plus this per page.
PAGE_OVERHEAD_BYTES = 4000


def worth_two_cores(docs: Path) -> bool:
    if not two_cores_available():
        return False
    pages = 0
    for _folder, _dirs, names in os.walk(docs):
        pages += sum(1 for name in names if name.endswith(".md"))
        if pages >= TWO_CORES_FROM_PAGES:
            return True
    return False


# The plugins whose output is the pages and the search index only: a project that
# adds others (social cards, blog, tags, RSS see every page or write files of
# their own) builds in one process.
_PLUGINS_KNOWN = {"search", "offline", "planbook"}


def suits_two_cores(config: Any) -> bool:
    """Whether a loaded configuration can be built in halves: Planbook wrote its
    navigation (every entry titled: a page of the other half is never read, so an
    untitled entry would have no title) and it uses no plugin beyond Planbook's."""
    plugin = config.plugins.get("planbook")
    names = {name.split(" #")[0].rsplit("/", 1)[-1] for name in config.plugins}
    return plugin is not None and bool(plugin.config.nav_file) and names <= _PLUGINS_KNOWN


def half_of(pages: list[Any], share: tuple[int, int]) -> list[Any]:
    """The contiguous run of `pages` (MkDocs files, in MkDocs' order) that part
    `share[0]` of `share[1]` builds: cut where the weights are evenly shared."""
    index, count = share
    weights = [_weight(page) for page in pages]
    total = sum(weights)
    start_at, end_at = total * index / count, total * (index + 1) / count
    mine, done = [], 0
    for page, weight in zip(pages, weights):
        # a page belongs to the part its middle falls in: each page in exactly one part
        middle = done + weight / 2
        if start_at <= middle < end_at or (index == count - 1 and middle >= end_at):
            mine.append(page)
        done += weight
    return mine


def _weight(page: Any) -> int:
    try:
        return os.path.getsize(page.abs_src_path) + PAGE_OVERHEAD_BYTES
    except (OSError, TypeError):  # a page a plugin generated in memory
        return PAGE_OVERHEAD_BYTES


def run_mkdocs(config: Any, dirty: bool = False, share: tuple[int, int] | None = None) -> list[str]:
    """One MkDocs build of `config` (of part `share` of the pages only, when given).
    Returns the site paths of the pages it built."""
    from generator.site import mkdocs_api

    plugin = config.plugins.get("planbook")
    if plugin is not None:
        plugin.share = share
    config.plugins.on_startup(command="serve" if dirty else "build", dirty=dirty)
    try:
        mkdocs_api.build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
    return list(getattr(plugin, "built", []))


def build_on_two_cores(config: Any) -> None:
    """Build `config` (loaded, its `site_dir` empty) in two processes; raises what
    a one-process build raises."""
    site = Path(config["site_dir"])
    other = Path(f"{site}-half")  # beside the new site: a killed build's leftover sweep finds it
    _preload_segmenter()

    def second_half_here() -> tuple[str | None, list[str]]:
        config["site_dir"] = str(other)
        try:
            return None, run_mkdocs(config, share=(1, 2))
        finally:
            config["site_dir"] = str(site)

    try:
        _ours, (failure, theirs) = in_two_processes(lambda: _second_half(config, other),
                                                    lambda: run_mkdocs(config, share=(0, 2)), second_half_here)
        if failure is not None:  # a build error or strict-mode warnings in the second half
            raise SecondHalfFailed(failure)
        _move_pages(other, site, theirs)
        join_search_indexes(site / "search" / "search_index.json", other / "search" / "search_index.json")
        join_sitemaps(site / "sitemap.xml", other / "sitemap.xml")
    finally:
        shutil.rmtree(other, ignore_errors=True)


class SecondHalfFailed(Exception):
    """MkDocs failed on the pages of the second process (its message)."""


def _second_half(config: Any, other: Path) -> tuple[str | None, list[str]]:
    """In the child: the second half into `other`; a failure is reported, as MkDocs'
    message (its Abort is a SystemExit), not redone by the parent."""
    try:
        config["site_dir"] = str(other)
        return None, run_mkdocs(config, share=(1, 2))
    except BaseException as exc:  # noqa: BLE001
        return str(exc) or type(exc).__name__, []


def _preload_segmenter() -> None:
    """jieba's dictionary loaded once, before the fork, for both processes (0.8 s)."""
    try:
        import jieba

        jieba.initialize()
    except Exception:  # noqa: BLE001 - each process then loads it on first use, as usual
        pass


def _move_pages(other: Path, site: Path, pages: list[str]) -> None:
    made: set[Path] = set()
    for page in pages:
        target = site / page
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        os.replace(other / page, target)


def join_search_indexes(first: Path, second: Path) -> None:
    """The second half's search entries after the first's (MkDocs' page order)."""
    if not first.is_file() or not second.is_file():
        return
    from generator.site.search import write_search_index

    data = json.loads(first.read_text(encoding="utf-8"))
    data["docs"] = data.get("docs", []) + json.loads(second.read_text(encoding="utf-8")).get("docs", [])
    write_search_index(first, data)


def join_sitemaps(first: Path, second: Path) -> None:
    """The second half's `<url>` entries after the first's, and the `.gz` beside it
    made again as MkDocs makes it (same header time, same name)."""
    if not first.is_file() or not second.is_file():
        return
    ours, theirs = first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")
    opening = theirs.index(">", theirs.index("<urlset")) + 1
    closing = ours.rindex("</urlset>")
    joined = ours[:closing].rstrip() + theirs[opening:theirs.rindex("</urlset>")].rstrip() + "\n" + ours[closing:]
    first.write_text(joined, encoding="utf-8")
    packed = Path(f"{first}.gz")
    if packed.is_file():
        mtime = struct.unpack("<I", packed.read_bytes()[4:8])[0]
        with open(packed, "wb") as handle, gzip.GzipFile(fileobj=handle, filename=str(packed), mode="wb",
                                                         mtime=mtime) as zipped:
            zipped.write(joined.encode("utf-8"))

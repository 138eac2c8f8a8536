"""Render the site's pages: page contexts → Jinja2 templates → Markdown files and assets.

`render_site` writes a build folder of plain files (readable, diffable,
golden-testable) that MkDocs then builds.  A file whose content did not
change is not rewritten, so MkDocs' dirty rebuild under `serve` can skip it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
)
from markupsafe import Markup

from generator.compute.report import YearReport
from generator.files import write_atomically
from generator.model.workspace import Page, Workspace, plan_with_campaign_files
from generator.pipeline import Project
from generator.problems import Problem
from generator.render import filters, labels, words
from generator.render.pages import PageContext, YearContexts, home_year
from generator.render.sanitize import clean_front_matter, plain_text
from generator.render.scenario_page import ScenarioColumn, written_changes
from generator.render.tables import md, md_with_code
from generator.settings import Thresholds
from generator.words.vocabulary import CAUSE_TYPES, CURRENCIES, LEVERS


def _packaged_templates() -> Path:
    """The templates shipped with Planbook: inside the installed package
    (generator/site_templates), or the repository's site_templates/ in a checkout."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[1] / "site_templates", here.parents[2] / "site_templates"):
        if (candidate / "home.md.j2").is_file():
            return candidate
    return here.parents[2] / "site_templates"


PACKAGED_TEMPLATES = _packaged_templates()
# Lets Material's search worker run from file:// (see site/config.py: the offline plugin).
SEARCH_SHIM = "assets/iframe-worker-shim.js"
PHONE_SCRIPT = "assets/planbook.js"  # tables as cards on a phone
# `planbook serve` keeps the problems of the last render here (site/serve.py STATUS).
SERVE_FOLDER = "_planbook"


@dataclass(frozen=True)
class SiteOptions:
    lang: str = "zh"
    thresholds: Thresholds = Thresholds()
    templates: Path | None = None  # a project's own site_templates/, searched first
    site_name: str = "Planbook"
    units: tuple[tuple[str, str], ...] = ()  # (unit slug, its name) pairs of settings.units; hashable
    # the day tasks are judged overdue by, when the year has no review `as_of`;
    # passed in (never today() in render), so a render is a function of its inputs
    today: dt.date | None = None
    # each (unit, year) plan's commits from git, newest first (render/history.py): its 历史
    # page and the plan page's "最后修改" line; none outside git
    histories: tuple[tuple[tuple[str, int], tuple[Any, ...]], ...] = ()


@dataclass
class Rendered:
    """What a render wrote: every page path (for the nav) and the files it changed."""

    pages: dict[str, str] = field(default_factory=dict)  # docs path → title
    written: list[str] = field(default_factory=list)
    nav: list[Any] = field(default_factory=list)
    own_pages: list[str] = field(default_factory=list)  # operators' Markdown, sanitized after rendering
    year_navs: dict[tuple[str, int], list[Any]] = field(default_factory=dict)
    units: list[tuple[str, str]] = field(default_factory=list)  # (folder, title) of each unit when there are several
    # (page, what wrote it first, what wanted it too): a page is never written twice
    collisions: list[tuple[str, str, str]] = field(default_factory=list)


def environment(options: SiteOptions) -> Environment:
    """Jinja2 with StrictUndefined and autoescape on: plan text is data, never markup.

    One per options and state of the project's site_templates/ for the process:
    `serve` renders many times, and compiling the templates was a third of a
    one-year re-render.  A template added, edited or removed there makes a new one."""
    folder = options.templates
    listing = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file())) \
        if folder is not None and folder.is_dir() else ()
    return _environment(options, listing)


@functools.lru_cache(maxsize=8)
def _environment(options: SiteOptions, _project_templates: tuple[tuple[str, int], ...]) -> Environment:
    loaders = [FileSystemLoader(str(options.templates))] if options.templates and options.templates.is_dir() else []
    loaders.append(FileSystemLoader(str(PACKAGED_TEMPLATES)))
    env = Environment(loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=True,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    lang = options.lang
    env.filters.update({
        "md": md,
        "md_code": md_with_code,
        "front_title": front_matter_title,
        "money": lambda v: filters.money(v, lang),
        "rate": filters.rate,
        "attainment": filters.attainment,
        "signed_rate": filters.signed_rate,
        "ratio": filters.ratio,
        "status": lambda v: filters.status_word(v, lang),
        "node": _with_plan(lambda v, plan: labels.node(v, lang, plan)),
        "campaign_type": lambda v: labels.campaign_type(v, lang),
        "lever": lambda v: labels.pick(LEVERS.get(v, (v, v)), lang),
        "currency": lambda v: labels.pick(CURRENCIES.get(v, (v, v)), lang),
        "cause_type": lambda v: labels.pick(CAUSE_TYPES.get(v, (v, v)), lang),
        "metric_name": _with_plan(lambda v, plan: labels.metric(v, lang, dict(plan.metrics) if plan else None)
                                  if v else "—"),
        "role": lambda v: labels.role(v, lang),
        "item": lambda v: labels.item(v, lang),
    })
    env.globals.update({"lang": lang,
                        "t": lambda key, **values: words.word(key, lang, **values)})
    return env


def _with_plan(label: Callable[[Any, Any], str]) -> Callable[..., str]:
    """A filter that takes the plan as an optional argument: `{{ e.node | node(plan) }}`."""
    def apply(value: Any, plan: Any = None) -> str:
        return label(value, plan)
    return apply


def _page_key(relative: str) -> str:
    """The page a file becomes: MkDocs makes `README.md` its folder's index, so
    `notes/README.md` and `notes/index.md` are one page (and one would be lost)."""
    folder, _, name = relative.rpartition("/")
    return f"{folder}/index.md" if folder and name == "README.md" else ("index.md" if name == "README.md" else relative)


class SiteWriter:
    """Writes files below a docs folder, skipping files whose bytes are unchanged."""

    def __init__(self, docs: Path) -> None:
        self.docs = docs
        self.result = Rendered()
        self.expected: set[Path] = set()
        self.owners: dict[str, str] = {}  # file → what wrote it in this render
        self.pages: dict[str, str] = {}  # page (README.md is its folder's index.md) → file
        self.kept: set[Path] = set()  # folders of unchanged years

    def write(self, relative: str, data: str | bytes, owner: str = "planbook") -> bool:
        """Write one file; False (and a recorded collision) when this render already
        wrote that path: nothing is ever silently overwritten."""
        page = _page_key(relative)
        if page in self.pages:
            self.result.collisions.append((relative, self.owners[self.pages[page]], owner))
            return False
        self.owners[relative] = owner
        self.pages[page] = relative
        path = self.docs / relative
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self.expected.add(path)
        if path.exists() and path.read_bytes() == raw:
            return True
        write_atomically(path, raw)  # whole or not at all: under serve MkDocs may be reading it
        self.result.written.append(relative)
        return True

    def copy(self, relative: str, source: Path) -> None:
        path = self.docs / relative
        self.expected.add(path)
        if path.exists() and path.stat().st_size == source.stat().st_size:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        self.result.written.append(relative)

    def adopt(self, owners: dict[str, str], written: list[str], collisions: list[tuple[str, str, str]]) -> None:
        """Files another writer wrote in this render (a year rendered in a second process)."""
        self.owners.update(owners)
        self.pages.update((_page_key(relative), relative) for relative in owners)
        self.expected.update(self.docs / relative for relative in owners)
        self.result.written.extend(written)
        self.result.collisions.extend(collisions)

    def keep(self, folder: str) -> None:
        """Files of an unchanged (unit, year) stay as they are (and are not walked:
        nothing in them is stale)."""
        self.kept.add(self.docs / folder)

    def keep_file(self, relative: str) -> None:
        """A file this render leaves as it is."""
        self.expected.add(self.docs / relative)

    def remove_stale(self) -> None:
        """Files left from an earlier render (a deleted campaign) are removed."""
        if not self.docs.exists():
            return
        skipped = self.kept | {self.docs / SERVE_FOLDER}  # SERVE_FOLDER: written by `serve` after the render
        walked = []
        for folder, subfolders, files in os.walk(self.docs):
            here = Path(folder)
            subfolders[:] = [name for name in subfolders if here / name not in skipped]
            walked.append((here, files))
        for here, files in reversed(walked):  # a folder after its subfolders, to remove it when emptied
            for name in files:
                if here / name not in self.expected:
                    (here / name).unlink()
            if here != self.docs and not any(here.iterdir()):
                here.rmdir()


@dataclass
class YearRendered:
    """One (unit, year) rendered on its own (in a second process): its navigation,
    every file it owns, those it changed and its page collisions."""

    nav: list[Any]
    owners: dict[str, str]
    written: list[str]
    collisions: list[tuple[str, str, str]]


def render_years(project: Project, reports: list[YearReport], docs: Path,
                 options: SiteOptions) -> dict[tuple[str, int], YearRendered]:
    """Only the (unit, year) folders of `reports`; `render_site` adds the rest of the site."""
    env = environment(options)
    result = {}
    by_key = {(r.unit, r.year): r for r in reports}
    for report in reports:
        writer = SiteWriter(docs)
        nav = _render_year(writer, env, project, report, options, f"{report.unit}/{report.year}", by_key)
        result[(report.unit, report.year)] = YearRendered(nav, writer.owners, writer.result.written,
                                                          writer.result.collisions)
    return result


def render_site(project: Project, reports: list[YearReport], docs: Path, options: SiteOptions, unchanged: dict[tuple[str, int], list[Any]] | None = None,
                rendered_years: dict[tuple[str, int], YearRendered] | None = None, spanning: bool = True) -> Rendered:
    """Every page, download and asset of the site into `docs`.

    `unchanged` maps the (unit, year)s whose inputs did not change since the last
    render to their navigation: their files are kept as they are.  `rendered_years`
    are the years `render_years` already wrote in this render.  Without `spanning`
    the pages that span years (home, problems, guide) are kept as they are: serve
    renders them in a second phase."""
    workspace, problems = project.workspace, project.problems
    env = environment(options)
    writer = SiteWriter(docs)
    lang = options.lang
    writer.copy("assets/plotly.min.js", _plotly_script())
    writer.write("assets/planbook.css", env.get_template("planbook.css").render())
    writer.copy(SEARCH_SHIM, PACKAGED_TEMPLATES / SEARCH_SHIM)
    writer.copy(PHONE_SCRIPT, PACKAGED_TEMPLATES / PHONE_SCRIPT)
    years_nav: list[dict[str, Any]] = []
    by_unit: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    by_key = {(r.unit, r.year): r for r in reports}
    for report in reports:
        base = f"{report.unit}/{report.year}"
        key = (report.unit, report.year)
        if unchanged and key in unchanged:
            writer.keep(base)
            nav_entries = unchanged[key]
        elif rendered_years and key in rendered_years:
            done = rendered_years[key]
            writer.adopt(done.owners, done.written, done.collisions)
            nav_entries = done.nav
        else:
            nav_entries = _render_year(writer, env, project, report, options, base, by_key)
        writer.result.year_navs[key] = nav_entries
        by_unit.setdefault(report.unit, []).append((report.year, {str(report.year): nav_entries}))
    # Newest year first, as on the home page.  Several units nest as unit → year, so
    # that with `navigation.prune` a page carries its own unit's years and one line
    # per other unit: the page does not grow with every (unit, year) of the group.
    for unit in sorted(by_unit):
        years = [entry for _year, entry in sorted(by_unit[unit], key=lambda pair: -pair[0])]
        if len(by_unit) > 1:
            title = dict(options.units).get(unit, unit)
            years_nav.append({title: years})
            writer.result.units.append((unit, title))
        else:
            years_nav.extend(years)
    # Operators' pages are sanitized: only those this render (or an earlier one, for a
    # year kept under serve) wrote for them, never a generated page they collided with.
    writer.result.own_pages.extend(
        path for r in reports for p in _own_pages(workspace.pages, r)
        if writer.owners.get(path := _own_page_path(f"{r.unit}/{r.year}", p), p.path) == p.path)
    for page in [p for p in workspace.pages if not any(p in _own_pages([p], r) for r in reports)]:
        path = f"notes/{_relative_page(workspace, page)}"
        if writer.write(path, clean_front_matter(page.text, page.meta), page.path):
            writer.result.own_pages.append(path)
            years_nav.append({nav_title(_page_title(page)): path})
    if spanning:
        from generator.model.scenarios import scenario_year

        with_scenarios = {scenario_year(workspace, o) for o in workspace.scenarios}
        _write_guide(writer, env, workspace, options)
        writer.write("index.md", env.get_template("home.md.j2").render(
            reports=[home_year(r, lang, (r.unit, r.year) in with_scenarios)
                     for r in sorted(reports, key=lambda r: (-r.year, r.unit))], root="",
            page="home", site_name=options.site_name))
        writer.write("problems.md", env.get_template("problems.md.j2").render(
            problems=[_problem_row(p, lang) for p in problems], root="", page="problems"))
    else:
        writer.keep("guide")
        writer.keep_file("index.md")
        writer.keep_file("problems.md")
    writer.remove_stale()
    writer.result.nav = [{words.word("nav_home", lang): "index.md"}, *years_nav,
                         {words.word("nav_problems", lang): "problems.md"},
                         {words.word("nav_guide", lang): [{title: f"guide/{name}"} for name, title in GUIDE_PAGES]}]
    return writer.result


GUIDE_PAGES = [("index.md", "概览 Overview"), ("plan.md", "写计划 Plan"), ("review.md", "写复盘 Review"),
               ("campaign.md", "写活动 Campaign"), ("values.md", "数值写法 Values"), ("keys.md", "所有键 Keys"),
               ("excel.md", "用 Excel 编辑计划 Excel"), ("scenarios.md", "情景与试算 Scenarios"),
               ("exports.md", "从平台导出数据 Exports"), ("warehouse.md", "从数据仓库读取实际 Warehouse"), ("problems-reference.md", "问题参考 Problems"),
               ("faq.md", "常见问题 FAQ")]


def _write_guide(writer: SiteWriter, env: Environment, workspace: Workspace, options: SiteOptions) -> None:
    """The user guide: its pages, with this repository's own documents as the complete
    examples, the key table and the problem reference."""
    from generator import messages
    from generator.words.keys import KEY_LABELS
    from generator.reference import REFERENCE, explain

    lang = options.lang
    examples = {"{{DEMO_PLAN}}": _first_text(workspace, "plan"), "{{DEMO_REVIEW}}": _first_text(workspace, "review"),
                "{{DEMO_CAMPAIGN}}": _first_text(workspace, "campaign")}
    folders = [options.templates / "guide"] if options.templates else []
    folders.append(PACKAGED_TEMPLATES / "guide")
    for name, _title in GUIDE_PAGES:
        source = next((f / name for f in folders if (f / name).is_file()), None)
        if source is None:
            continue
        text = source.read_text(encoding="utf-8")
        for marker, example in examples.items():
            text = text.replace(f"```yaml\n{marker}\n```", _fenced(example, "yaml"))
        writer.write(f"guide/{name}", text)
    keys = [{"key": k.rstrip("_"), "zh": zh, "en": en} for k, (zh, en) in sorted(KEY_LABELS.items())]
    writer.write("guide/keys.md", env.get_template("keys.md.j2").render(keys=keys, root="../"))
    entries = []
    for code in sorted(REFERENCE):
        entry, severity = REFERENCE[code], messages.CATALOG[code].severity
        text = explain(code, lang) or ""
        entries.append({
            "code": code, "meaning": labels.pick((entry.zh, entry.en), lang),
            "severity": words.word(f"severity_{severity}", lang),
            "wrong_block": Markup(_fenced(entry.wrong, "yaml")), "right_block": Markup(_fenced(entry.right, "yaml")),
            "fix": text.splitlines()[-1].split(":", 1)[-1].strip(),
        })
    writer.write("guide/problems-reference.md", env.get_template("reference.md.j2").render(entries=entries, root="../"))


def _first_text(workspace: Workspace, kind: str) -> str | None:
    document = next((d for d in workspace.documents if d.kind == kind), None)
    return document.file.read_text(encoding="utf-8-sig") if document is not None else None


def _fenced(text: str | None, language: str) -> str:
    """Text in a fenced code block whose fence no backtick run inside can close."""
    if text is None:
        return "*—*"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text.rstrip()}\n{fence}"


def _render_year(writer: SiteWriter, env: Environment, project: Project, report: YearReport,
                 options: SiteOptions, base: str, reports: dict[tuple[str, int], YearReport]) -> list[Any]:
    """One (unit, year): its pages, campaign pages, own pages and downloads; its navigation.

    `reports` are the reports at hand; the changes page needs the baseline year's
    (the figures a change moves), computed here when this render does not hold it."""
    lang, workspace = options.lang, project.workspace
    nav_entries: list[Any] = []
    contexts = YearContexts(report, lang, base, options.today, _slug, options.thresholds)

    def baseline() -> YearReport | None:
        key = (report.unit, int(report.summary["baseline_year"]))
        if key not in reports and workspace.plan(*key) is not None:
            reports[key] = project.report(*key)
        return reports.get(key)

    history = dict(options.histories).get((report.unit, report.year), ())
    scenarios = _scenario_columns(project, report, options) if report.plan is not None else []
    builders: dict[str, Callable[[], PageContext]] = {
        "plan": lambda: contexts.plan_page(history), "review": contexts.review_page,
        "changes": lambda: contexts.changes_page(workspace, baseline()),
        "history": lambda: contexts.history_page(history),
        "scenarios": lambda: contexts.scenarios_page(scenarios)}
    for kind, title in _year_pages(report, lang, bool(history), bool(scenarios)):
        body = env.get_template(f"{kind}.md.j2").render(**builders[kind]().fields(), page=kind,
                                                        root=_root(f"{base}/{kind}.md"))
        writer.write(f"{base}/{kind}.md", _without_unused_chart_script(body))
        nav_entries.append({title: f"{base}/{kind}.md"})
    if contexts.campaigns:
        campaign_nav: list[Any] = [{words.word("nav_calendar", lang): f"{base}/campaigns/index.md"}]
        writer.write(f"{base}/campaigns/index.md", _without_unused_chart_script(env.get_template("calendar.md.j2").render(
            **contexts.calendar_page().fields(), page="calendar", root=_root(f"{base}/campaigns/index.md"))))
        for campaign in contexts.campaigns:
            path = f"{base}/campaigns/{_slug(campaign['id'])}.md"
            writer.write(path, env.get_template("campaign.md.j2").render(
                **contexts.campaign_page(campaign).fields(), page="campaign", root=_root(path)),
                f"campaign `{campaign['id']}`")
            campaign_nav.append({nav_title(campaign["name"]): path})
        nav_entries.append({words.word("nav_campaigns", lang): campaign_nav})
    for page in _own_pages(workspace.pages, report):
        path = _own_page_path(base, page)
        if writer.write(path, clean_front_matter(page.text, page.meta), page.path):
            nav_entries.append({nav_title(_page_title(page)): path})
    _write_downloads(writer, report, base, lang)
    return nav_entries


def _without_unused_chart_script(body: str) -> str:
    """The chart script (4.8 MB) is loaded at the top of a page, before its charts; a
    page that ended up with no chart (a plan without channels or budget) drops it."""
    if 'class="plotly-graph-div"' in body:
        return body
    return re.sub(r'^<script src="[./]*assets/plotly\.min\.js"></script>\n', "", body, count=1, flags=re.M)


def nav_title(text: str) -> str:
    """MkDocs puts nav titles into HTML unescaped: escape plan text here."""
    return html.escape(plain_text(text), quote=True)


def front_matter_title(text: object) -> Markup:
    """A page title for YAML front matter: HTML-escaped, then quoted as a JSON string
    (valid YAML whatever the text holds: colons, quotes, `#`)."""
    return Markup(json.dumps(html.escape(str(text), quote=True), ensure_ascii=False))


def _plotly_script() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _root(page_path: str) -> str:
    """The relative path from a page to the site root (use_directory_urls is off)."""
    return "../" * page_path.count("/")


# Page names the site generates itself: an id spelled like one gets a suffix.
RESERVED_NAMES = {"index", "plan", "review", "changes", "history", "scenarios", "campaigns", "downloads", "assets", "notes", "guide",
                  "problems", "search"}


def _slug(text: str) -> str:
    """A stable, unique page name for an id: the id itself where it is a safe file
    name (Chinese included: 年货节 stays 年货节), else its safe part plus a short hash
    of the whole id, so `a/b`, `a-b`, `..` and `index` never share a page."""
    cleaned = re.sub(r"[^\w\-]+", "-", text).strip("-")
    if cleaned == text and cleaned.lower() not in RESERVED_NAMES:
        return cleaned
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{cleaned or 'campaign'}-{digest}"


def _own_page_path(base: str, page: Page) -> str:
    return f"{base}/{Path(page.path).stem}.md"


def _relative_page(workspace: Workspace, page: Page) -> str:
    """An unlisted page's path inside the plans folder (two README.md stay two pages)."""
    try:
        return Path(page.file).resolve().relative_to(workspace.root.resolve()).as_posix()
    except ValueError:
        return Path(page.path).name


def _units(reports: list[YearReport]) -> set[str]:
    return {r.unit for r in reports}


def _scenario_columns(project: Project, report: YearReport, options: SiteOptions) -> list[ScenarioColumn]:
    """The scenarios of the report's plan (spec 14), each computed on its own workspace;
    one that does not apply (its problems are on the problems page) has no report."""
    from generator.model.scenarios import scenario_year

    workspace, key = project.workspace, (report.unit, report.year)
    columns = []
    for overlay in workspace.scenarios:
        if scenario_year(workspace, overlay) != key:
            continue
        applied = project.with_scenario(overlay, [])
        scenario: YearReport | None = None
        changes: tuple[str, ...] = ()
        if applied is not None:
            scenario = applied.report(*key)
            changes = written_changes(plan_with_campaign_files(workspace, *key),
                                      plan_with_campaign_files(applied.workspace, *key),
                                      applied.workspace.drivers.get(key, ()), options.lang)
        note = overlay.data.get("note")
        columns.append(ScenarioColumn(overlay.name, note if isinstance(note, str) else "", overlay.path, scenario,
                                      changes))
    return sorted(columns, key=lambda c: c.name)


def _year_pages(report: YearReport, lang: str, has_history: bool = False,
                has_scenarios: bool = False) -> list[tuple[str, str]]:
    pages = []
    if report.plan is not None:
        pages.append(("plan", words.word("open_plan", lang)))
    if report.review is not None:
        pages.append(("review", words.word("open_review", lang)))
    if report.plan is not None:
        pages.append(("changes", words.word("open_changes", lang)))
    if report.plan is not None and has_scenarios:
        pages.append(("scenarios", words.word("open_scenarios", lang)))
    if report.plan is not None and has_history:
        pages.append(("history", words.word("open_history", lang)))
    return pages


def _own_pages(pages: Sequence[Page], report: YearReport) -> list[Page]:
    own = []
    for page in pages:
        meta = page.meta
        if str(meta.get("year", "")) == str(report.year) and meta.get("unit", report.unit) == report.unit:
            own.append(page)
    return own


def _page_title(page: Page) -> str:
    meta = page.meta
    if meta.get("title"):
        return str(meta["title"])
    heading = re.search(r"^#\s+(.+)$", page.text, re.M)
    return heading.group(1).strip() if heading else Path(page.path).stem


def _write_downloads(writer: SiteWriter, report: YearReport, base: str, lang: str) -> None:
    from generator.render.downloads import labelled_tables, table_csv, workbook

    tables = labelled_tables(report, lang)
    for name, table in tables.items():
        writer.write(f"{base}/downloads/{name}.csv", table_csv(report.tables[name], lang, report.plan, table))
    writer.write(f"{base}/downloads/{report.unit}-{report.year}.xlsx", workbook(report, lang, tables))


def _problem_row(problem: Problem, lang: str) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "column": problem.column, "severity": problem.severity,
            "code": problem.code, "message": problem.message(lang), "hint": problem.hint(lang)}


__all__ = ["render_site", "SiteOptions", "Rendered", "TemplateError"]

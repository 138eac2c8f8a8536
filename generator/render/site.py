"""Render the site's pages: page contexts → Jinja2 templates → Markdown files and assets.

`render_site` writes a build folder of plain files (readable, diffable,
golden-testable) that MkDocs then builds.  A file whose content did not
change is not rewritten, so MkDocs' dirty rebuild under `serve` can skip it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import pandas as pd
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup

from generator.compute.report import TABLES, YearReport
from generator.render.sanitize import clean_front_matter, plain_text
from generator.settings import Thresholds
from generator.model.catalog import METRICS, NODES
from generator.model.workspace import Page, Workspace
from generator.problems import Problem
from generator.render import charts, filters, grids, labels, words
from generator.render.tiles import tile_rows
from generator.render.tables import markdown_table, md

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
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


@dataclass(frozen=True)
class SiteOptions:
    lang: str = "zh"
    thresholds: Thresholds = Thresholds()
    templates: Path | None = None  # a project's own site_templates/, searched first
    site_name: str = "Planbook"


@dataclass
class Rendered:
    """What a render wrote: every page path (for the nav) and the files it changed."""

    pages: dict[str, str] = field(default_factory=dict)  # docs path → title
    written: list[str] = field(default_factory=list)
    nav: list[Any] = field(default_factory=list)
    own_pages: list[str] = field(default_factory=list)  # operators' Markdown, sanitized after rendering
    year_navs: dict[tuple[str, int], list[Any]] = field(default_factory=dict)
    # (page, what wrote it first, what wanted it too): a page is never written twice
    collisions: list[tuple[str, str, str]] = field(default_factory=list)


def environment(options: SiteOptions) -> Environment:
    """Jinja2 with StrictUndefined and autoescape on: plan text is data, never markup."""
    loaders = [FileSystemLoader(str(options.templates))] if options.templates and options.templates.is_dir() else []
    loaders.append(FileSystemLoader(str(PACKAGED_TEMPLATES)))
    env = Environment(loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=True,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    lang = options.lang
    env.filters.update({
        "md": md,
        "front_title": front_matter_title,
        "money": lambda v: filters.money(v, lang),
        "rate": filters.rate,
        "attainment": filters.attainment,
        "signed_rate": filters.signed_rate,
        "ratio": filters.ratio,
        "status": lambda v: filters.status_word(v, lang),
        "node": lambda v, plan=None: labels.node(v, lang, plan),
        "channels": lambda ids, plan=None: labels.channels(list(ids or []), lang, plan),
        "campaign_type": lambda v: labels.campaign_type(v, lang),
        "cause_type": lambda v: labels.pick(labels.CAUSE_TYPES.get(v, (v, v)), lang),
        "metric_name": lambda v, plan=None: labels.metric(v, lang, dict(plan.metrics) if plan else None) if v else "—",
        "role": lambda v: labels.role(v, lang),
        "item": lambda v: labels.item(v, lang),
    })
    env.globals.update({"zh": lang == "zh", "lang": lang,
                        "t": lambda key, **values: words.word(key, lang, **values)})
    return env


class SiteWriter:
    """Writes files below a docs folder, skipping files whose bytes are unchanged."""

    def __init__(self, docs: Path) -> None:
        self.docs = docs
        self.result = Rendered()
        self.expected: set[Path] = set()
        self.owners: dict[str, str] = {}  # page → what wrote it in this render

    def write(self, relative: str, data: str | bytes, owner: str = "planbook") -> bool:
        """Write one file; False (and a recorded collision) when this render already
        wrote that path: nothing is ever silently overwritten."""
        if relative in self.owners:
            self.result.collisions.append((relative, self.owners[relative], owner))
            return False
        self.owners[relative] = owner
        path = self.docs / relative
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self.expected.add(path)
        if path.exists() and path.read_bytes() == raw:
            return True
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
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

    def keep(self, folder: str) -> None:
        """Files of an unchanged (unit, year) stay as they are."""
        root = self.docs / folder
        if root.exists():
            self.expected.update(p for p in root.rglob("*") if p.is_file())

    def remove_stale(self) -> None:
        """Files left from an earlier render (a deleted campaign) are removed."""
        if not self.docs.exists():
            return
        for path in sorted(self.docs.rglob("*"), reverse=True):
            if path.is_file() and path not in self.expected:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def render_site(workspace: Workspace, reports: list[YearReport], problems: list[Problem], docs: Path,
                options: SiteOptions, unchanged: dict[tuple[str, int], list[Any]] | None = None) -> Rendered:
    """Every page, download and asset of the site into `docs`.

    `unchanged` maps the (unit, year)s whose inputs did not change since the last
    render (under `serve`) to their navigation: their files are kept as they are."""
    env = environment(options)
    writer = SiteWriter(docs)
    lang = options.lang
    writer.copy("assets/plotly.min.js", _plotly_script())
    writer.write("assets/planbook.css", env.get_template("planbook.css").render())
    writer.copy(SEARCH_SHIM, PACKAGED_TEMPLATES / SEARCH_SHIM)
    years_nav: list[dict[str, Any]] = []
    for report in reports:
        base = f"{report.unit}/{report.year}"
        key = (report.unit, report.year)
        if unchanged and key in unchanged:
            writer.keep(base)
            nav_entries = unchanged[key]
        else:
            nav_entries = _render_year(writer, env, workspace, report, options, base)
        writer.result.year_navs[key] = nav_entries
        title = f"{report.unit} · {report.year}" if len(_units(reports)) > 1 else str(report.year)
        years_nav.append({title: nav_entries})
    # Operators' pages are sanitized: only those this render (or an earlier one, for a
    # year kept under serve) wrote for them, never a generated page they collided with.
    writer.result.own_pages.extend(
        path for r in reports for p in _own_pages(workspace.pages, r)
        if writer.owners.get(path := _own_page_path(f"{r.unit}/{r.year}", p), p.path) == p.path)
    for page in [p for p in workspace.pages if not any(p in _own_pages([p], r) for r in reports)]:
        path = f"notes/{_relative_page(workspace, page)}"
        if writer.write(path, clean_front_matter(page.text), page.path):
            writer.result.own_pages.append(path)
            years_nav.append({nav_title(_page_title(page)): path})
    guide_nav = _write_guide(writer, env, workspace, options)
    writer.write("index.md", env.get_template("home.md.j2").render(
        reports=[_headline(r, options) for r in sorted(reports, key=lambda r: (-r.year, r.unit))], root="", page="home",
        site_name=options.site_name))
    writer.write("problems.md", env.get_template("problems.md.j2").render(
        problems=[_problem_row(p, lang) for p in problems], root="", page="problems"))
    writer.remove_stale()
    writer.result.nav = [{"首页" if lang == "zh" else "Home": "index.md"}, *years_nav,
                         {"问题" if lang == "zh" else "Problems": "problems.md"},
                         {"指南 Guide" if lang == "zh" else "Guide": guide_nav}]
    return writer.result


GUIDE_PAGES = [("index.md", "概览 Overview"), ("plan.md", "写计划 Plan"), ("review.md", "写复盘 Review"),
               ("campaign.md", "写活动 Campaign"), ("values.md", "数值写法 Values"), ("keys.md", "所有键 Keys"),
               ("excel.md", "用 Excel 编辑计划 Excel"), ("problems-reference.md", "问题参考 Problems"),
               ("faq.md", "常见问题 FAQ")]


def _write_guide(writer: SiteWriter, env: Environment, workspace: Workspace, options: SiteOptions) -> list[Any]:
    """The user guide: its pages, with this repository's own documents as the complete
    examples, the key table and the problem reference."""
    from generator import messages
    from generator.model.labels import KEY_LABELS
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
            "code": code, "meaning": entry.zh if lang == "zh" else entry.en,
            "severity": {"error": "✘ 错误" if lang == "zh" else "✘ error",
                         "warning": "⚠ 警告" if lang == "zh" else "⚠ warning"}[severity],
            "wrong_block": Markup(_fenced(entry.wrong, "yaml")), "right_block": Markup(_fenced(entry.right, "yaml")),
            "fix": text.splitlines()[-1].split(":", 1)[-1].strip(),
        })
    writer.write("guide/problems-reference.md", env.get_template("reference.md.j2").render(entries=entries, root="../"))
    return [{title: f"guide/{name}"} for name, title in GUIDE_PAGES]


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


def _render_year(writer: SiteWriter, env: Environment, workspace: Workspace, report: YearReport,
                 options: SiteOptions, base: str) -> list[Any]:
    """One (unit, year): its pages, campaign pages, own pages and downloads; its navigation."""
    lang = options.lang
    nav_entries: list[Any] = []
    context = _year_context(report, options, base)
    context["written_changes"] = _written_changes(workspace, report, lang)
    for kind, title in _year_pages(report, lang):
        body = env.get_template(f"{kind}.md.j2").render(**context, page=kind, root=_root(f"{base}/{kind}.md"))
        writer.write(f"{base}/{kind}.md", body)
        nav_entries.append({title: f"{base}/{kind}.md"})
    if context["campaigns"]:
        campaign_nav: list[Any] = [{"活动日历" if lang == "zh" else "Calendar": f"{base}/campaigns/index.md"}]
        writer.write(f"{base}/campaigns/index.md", env.get_template("calendar.md.j2").render(
            **context, page="calendar", root=_root(f"{base}/campaigns/index.md")))
        for campaign in context["campaigns"]:
            path = f"{base}/campaigns/{_slug(campaign['id'])}.md"
            writer.write(path, env.get_template("campaign.md.j2").render(
                **context, c=campaign, page="campaign", root=_root(path)), f"campaign `{campaign['id']}`")
            campaign_nav.append({nav_title(campaign["name"]): path})
        nav_entries.append({("活动" if lang == "zh" else "Campaigns"): campaign_nav})
    for page in _own_pages(workspace.pages, report):
        path = _own_page_path(base, page)
        if writer.write(path, clean_front_matter(page.text), page.path):
            nav_entries.append({nav_title(_page_title(page)): path})
    _write_downloads(writer, report, base, lang)
    return nav_entries


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
RESERVED_NAMES = {"index", "plan", "review", "changes", "campaigns", "downloads", "assets", "notes", "guide",
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


def _year_pages(report: YearReport, lang: str) -> list[tuple[str, str]]:
    zh = lang == "zh"
    pages = []
    if report.plan is not None:
        pages.append(("plan", "年度计划" if zh else "Plan"))
    if report.review is not None:
        pages.append(("review", "复盘" if zh else "Review"))
    if report.plan is not None:
        pages.append(("changes", "变化" if zh else "Changes"))
    return pages


def _own_pages(pages: Sequence[Page], report: YearReport) -> list[Page]:
    own = []
    for page in pages:
        meta = _front_matter(page.text)
        if str(meta.get("year", "")) == str(report.year) and meta.get("unit", report.unit) == report.unit:
            own.append(page)
    return own


def _front_matter(text: str) -> dict[str, Any]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    import yaml

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _page_title(page: Page) -> str:
    meta = _front_matter(page.text)
    if meta.get("title"):
        return str(meta["title"])
    heading = re.search(r"^#\s+(.+)$", page.text, re.M)
    return heading.group(1).strip() if heading else Path(page.path).stem


def _write_downloads(writer: SiteWriter, report: YearReport, base: str, lang: str) -> None:
    from generator.render.downloads import table_csv, workbook

    for name in TABLES:
        frame = report.tables[name]
        if not frame.empty:
            writer.write(f"{base}/downloads/{name}.csv", table_csv(frame, lang, report.plan))
    writer.write(f"{base}/downloads/{report.unit}-{report.year}.xlsx", _stable_xlsx(workbook(report, lang)))


def _stable_xlsx(data: bytes) -> bytes:
    """openpyxl stamps the time into docProps/core.xml; fix it so unchanged
    workbooks keep their bytes (and MkDocs can skip them)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", content)
            stamp = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            stamp.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamp, content)
    return out.getvalue()


def _headline(report: YearReport, options: SiteOptions) -> dict[str, Any]:
    s = report.summary
    variance = report.tables["variance"]
    year_row = variance[(variance["metric"] == "gmv") & (variance["channel"] == "all")
                        & (variance["period"] == str(report.year))]
    forecast = report.tables["forecast"]
    gmv_forecast = forecast[(forecast["metric"] == "gmv") & (forecast["channel"] == "all")]
    pnl = report.tables["pnl"].set_index("item") if len(report.tables["pnl"]) else None
    profit_plan = pnl.at["profit", "plan"] if pnl is not None and "profit" in pnl.index else None
    profit_actual = pnl.at["profit", "actual"] if pnl is not None and "profit" in pnl.index else None
    return {
        "unit": report.unit, "year": report.year, "base": f"{report.unit}/{report.year}",
        "title": report.plan.title if report.plan and report.plan.title else
        (report.review.title if report.review and report.review.title else str(report.year)),
        "has_plan": report.plan is not None, "has_review": report.review is not None,
        "ytd": report.is_year_to_date, "as_of": report.as_of.isoformat() if report.as_of else None,
        "gmv_target": s["gmv_target"], "gmv_actual": s["gmv_actual"],
        "attainment": year_row.iloc[0]["attainment"] if len(year_row) else None,
        "status": year_row.iloc[0]["status"] if len(year_row) else None,
        "profit_plan": profit_plan, "profit_actual": profit_actual,
        "forecast_on_plan": gmv_forecast.iloc[0]["forecast_on_plan"] if len(gmv_forecast) else None,
        "forecast_run_rate": gmv_forecast.iloc[0]["forecast_run_rate"] if len(gmv_forecast) else None,
        "tiles": tile_rows(s["headline"], options.lang),
    }


def _problem_row(problem: Problem, lang: str) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "column": problem.column, "severity": problem.severity,
            "code": problem.code, "message": problem.message(lang), "hint": problem.hint(lang)}


def _year_context(report: YearReport, options: SiteOptions, base: str) -> dict[str, Any]:
    """Everything a year's pages show, computed and formatted before the templates."""
    lang = options.lang
    plan, review = report.plan, report.review
    t = report.tables
    declared = dict(plan.metrics) if plan else None

    def table(name: str, frame: pd.DataFrame, columns: list[str]) -> Markup:
        return markdown_table(frame, [c for c in columns if c in frame.columns], lang, plan)

    variance = t["variance"]
    metric_sections = []
    for metric in _metric_order(t["targets"], variance):
        label = labels.metric(metric, lang, declared)
        unit = labels.metric_unit(metric, declared)
        rows = variance[variance["metric"] == metric]
        months = rows[(rows["channel"] == "all") & rows["period"].str.match(r"^\d{4}-\d{2}$")]
        targets = t["targets"][(t["targets"]["metric"] == metric)]
        target_months = targets[(targets["channel"] == "all") & targets["period"].str.match(r"^\d{4}-\d{2}$")]
        metric_sections.append({
            "id": metric, "label": label,
            "variance_chart": charts.monthly_target_vs_actual(months, label, f"chart-{metric}-variance", lang, unit)
            if len(months) else None,
            "target_chart": charts.monthly_targets(target_months, label, f"chart-{metric}-targets", lang, unit)
            if len(target_months) > 1 and METRICS.get(metric, None) is not None and METRICS[metric].sums else None,
            "variance": table("variance", rows, ["channel", "period", "actual", "attainment", "status", "yoy",
                                                 "target", "diff"]) if len(rows) else None,
            "grid": grids.status_grid(rows, report.year, unit, lang, plan),
            "targets_wide": grids.value_grid(targets, report.year, unit, lang, plan),
        })
    gmv_year = t["targets"][(t["targets"]["metric"] == "gmv") & (t["targets"]["period"] == str(report.year))
                            & (t["targets"]["channel"] != "all")]
    actual_channels = t["actuals"][(t["actuals"]["metric"] == "gmv") & (t["actuals"]["period"] == str(report.year))
                                   & (t["actuals"]["channel"] != "all")]
    campaigns = _campaign_contexts(report, lang)
    nodes = _calendar_nodes(plan, report.year, lang)
    budget = t["budget"]
    return {
        "plan": plan, "review": review, "unit": report.unit, "year": report.year,
        "base": base, "ytd": report.is_year_to_date,
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "summary": report.summary, "metrics": metric_sections,
        "tiles": tile_rows(report.summary["headline"], lang),
        "channel_chart": charts.channel_split([labels.channel(c, lang, plan) for c in gmv_year["channel"]],
                                              list(gmv_year["value"]),
                                              "销售额目标渠道结构" if lang == "zh" else "GMV target by channel",
                                              "chart-channel-split", lang) if len(gmv_year) else None,
        "channel_actual_chart": charts.channel_split(
            [labels.channel(c, lang, plan) for c in actual_channels["channel"]], list(actual_channels["value"]),
            "销售额实际渠道结构" if lang == "zh" else "GMV actual by channel",
            "chart-channel-actual", lang) if len(actual_channels) else None,
        "budget_chart": charts.budget_split(budget, lang, "chart-budget") if len(budget) else None,
        "roi_chart": charts.tool_roi(budget, lang, "chart-tool-roi") if len(budget) else None,
        "budget_table": table("budget", budget, ["name", "placement", "amount", "share", "roi", "expected_gmv",
                                                 "daily", "daily_cap_spend"]),
        # the review: actuals and ROI first, the plan's figures after them
        "budget_review_table": table("budget", budget, ["name", "spend", "actual_gmv", "actual_roi", "roi", "amount",
                                                        "share", "placement"]),
        "budget_phasing": table("budget_phasing", t["budget_phasing"][
            (t["budget_phasing"]["tool"] == "all")], ["period", "amount", "per_day"]),
        "pnl_chart": charts.pnl_bars(t["pnl"], lang, "chart-pnl", *_pnl_plan_side(report, lang))
        if len(t["pnl"]) > 1 else None,
        "pnl_table": table("pnl", t["pnl"], _pnl_columns(report)),
        "forecast_table": table("forecast", t["forecast"], ["metric", "channel", "target", "ytd_target",
                                                            "ytd_actual", "forecast_on_plan", "forecast_run_rate"]),
        "has_forecast": not t["forecast"].empty,
        "products_table": table("products", t["products"], ["sku", "name", "role", "category", "price", "cost",
                                                            "margin_rate", "target_units", "target_gmv"]),
        "product_review_table": table("products", t["products"][t["products"]["revenue"].notna()],
                                      ["sku", "name", "role", "units_sold", "stock", "sell_through", "revenue",
                                       "discount", "gross_margin"]),
        "product_mix_table": table("product_mix", t["product_mix"],
                                   ["role", "skus", "target_gmv", "share", "avg_margin_rate", "revenue_share"]),
        "product_splits_table": table("product_splits", t["product_splits"],
                                      ["by", "group", "skus", "units_sold", "revenue", "revenue_share",
                                       "gross_margin", "sell_through"]),
        "has_products": not t["products"].empty,
        "has_product_review": bool(t["products"]["revenue"].notna().any()) if len(t["products"]) else False,
        "campaigns": campaigns,
        "campaigns_table": table("campaigns", t["campaigns"], ["name", "type", "node", "start", "end", "budget",
                                                               "gmv_goal", "planned_roi", "target_share"]),
        "campaigns_review_table": table("campaigns", t["campaigns"], ["name", "gmv_actual", "attainment", "spend",
                                                                      "actual_roi", "gmv_goal", "budget",
                                                                      "planned_roi", "start", "end"]),
        "calendar_chart": charts.campaign_calendar(t["campaigns"], [(n, d) for n, d in nodes], report.year, lang,
                                                   "chart-calendar") if len(t["campaigns"]) else None,
        "nodes": [{"name": n, "date": d.isoformat()} for n, d in nodes],
        "positioning": _positioning(plan, lang),
        "downloads": [{"name": labels.table_title(n, lang), "file": f"downloads/{n}.csv"}
                      for n in TABLES if not t[n].empty],
        "workbook": f"downloads/{report.unit}-{report.year}.xlsx",
        "changes": _changes(report, lang),
        "channels": [{"id": k, "name": v} for k, v in (plan.channels.items() if plan else [])],
    }


def _pnl_plan_side(report: YearReport, lang: str) -> tuple[str, str]:
    """The plan column the actuals are compared with: the year-to-date plan in a
    year-to-date review (never a full-year plan beside ten months of actuals)."""
    if report.is_year_to_date and report.plan is not None:
        from generator.render.words import months_label

        return "plan_ytd", f"{labels.column('plan', lang)} {months_label(last_month_of(report), lang)}"
    return "plan", labels.column("plan", lang)


def _pnl_columns(report: YearReport) -> list[str]:
    if report.review is None:
        return ["item", "plan", "plan_ratio"]
    if report.is_year_to_date and report.plan is not None:
        return ["item", "actual", "actual_ratio", "plan_ytd", "plan_ytd_ratio", "plan"]
    return ["item", "actual", "actual_ratio", "plan", "plan_ratio"]


def last_month_of(report: YearReport) -> int:
    return int(report.summary["headline"]["months_done"] or 12)


def _metric_order(targets: pd.DataFrame, variance: pd.DataFrame) -> list[str]:
    present = list(dict.fromkeys([*targets["metric"], *variance["metric"]]))
    order = {m: i for i, m in enumerate(METRICS)}
    return sorted(present, key=lambda m: (order.get(m, len(order)), m))


def _positioning(plan: Any, lang: str) -> list[dict[str, Any]]:
    if plan is None or plan.positioning is None:
        return []
    names = {"market": ("市场定位", "Market"), "price": ("价格定位", "Price"), "visual": ("视觉定位", "Visual"),
             "geography": ("地理定位", "Geography"), "audience": ("人群定位", "Audience"),
             "channel": ("渠道定位", "Channel")}
    return [{"label": labels.pick(names[k], lang), "text": getattr(plan.positioning, k)}
            for k in names if getattr(plan.positioning, k)]


def _calendar_nodes(plan: Any, year: int, lang: str) -> list[tuple[str, dt.date]]:
    calendar = dict(plan.calendar) if plan else {}
    out = []
    for node in NODES.values():
        day = node.date_in(year, calendar)
        if day is not None:
            out.append((node.zh if lang == "zh" else node.en, day))
    for node_id, day in calendar.items():
        if node_id not in NODES:
            out.append((labels.node(node_id, lang, plan), day))
    return sorted(out, key=lambda pair: pair[1])


def _campaign_contexts(report: YearReport, lang: str) -> list[dict[str, Any]]:
    """Each campaign's written plan and review beside its computed row."""
    plan = report.plan
    rows = {r["id"]: r for r in report.tables["campaigns"].to_dict(orient="records")}
    out = []
    for campaign, reviewed in report.campaigns:
        row = rows.get(campaign.id, {})
        as_of = report.as_of or dt.date.today()
        out.append({
            "id": campaign.id, "name": campaign.name, "slug": _slug(campaign.id), "type": campaign.type,
            "node": campaign.node, "channels": campaign.channels, "start": campaign.start.isoformat(),
            "end": campaign.end.isoformat(), "theme": campaign.theme, "mechanics": campaign.mechanics,
            "offers": campaign.offers if isinstance(campaign.offers, list) else
            ([campaign.offers] if campaign.offers else []),
            "goals": [{"metric": labels.metric(m, lang), "value": _goal_text(g, lang, plan, m)}
                      for m, g in campaign.goals.items()],
            "sku_goals": [{"sku": sku, "goals": ", ".join(f"{labels.metric(k, lang)}: {filters.money(q.value, lang)}"
                                                           for k, q in g.items())}
                          for sku, g in campaign.sku_goals.items()],
            "budget": [{"item": labels.budget_item(k, lang, plan), "amount": q.value}
                       for k, q in campaign.budget.items()],
            "node_name": labels.node(campaign.node, lang, plan),
            "channel_names": labels.channels(list(campaign.channels or []), lang, plan),
            "owner": campaign.owner,
            "tasks": [{"name": t.name, "due": t.due.isoformat(), "owner": t.owner, "done": t.done,
                       "overdue": not t.done and t.due < as_of} for t in campaign.tasks],
            "row": row, "review": reviewed,
            "review_actual": [{"metric": labels.metric(m, lang), "value": _goal_text(g, lang, plan, m)}
                              for m, g in (reviewed.actual.items() if reviewed else [])],
            "review_spend": [{"item": labels.budget_item(k, lang, plan), "amount": q.value}
                             for k, q in (reviewed.spend.items() if reviewed else [])],
        })
    return sorted(out, key=lambda c: (c["start"], c["id"]))


def _goal_text(goal: Any, lang: str, plan: Any, metric: str) -> str:
    from generator.load.quantities import Quantity

    unit = labels.metric_unit(metric, dict(plan.metrics) if plan else None)
    if isinstance(goal, Quantity):
        return filters.metric_value(goal.value, unit, lang)
    return ", ".join(f"{labels.channel(c, lang, plan)} {filters.metric_value(q.value, unit, lang)}"
                     for c, q in goal.items())


def _changes(report: YearReport, lang: str) -> dict[str, Any]:
    """This year's plan against the baseline year's plan and actuals, as tables."""
    plan = report.plan
    t = report.tables
    columns = ["metric", "channel", "before", "after", "delta", "delta_pct"]
    return {
        "baseline_year": report.summary["baseline_year"],
        "vs_plan": _change_table(t["changes_plan"], columns, lang, plan),
        "vs_actual": _change_table(t["changes_actual"], columns, lang, plan),
        "budget": _change_table(t["changes_budget"], ["name", "placement", "before", "after", "delta", "delta_pct"],
                                lang, plan),
        "has_plan": not t["changes_plan"].empty,
        "has_actual": not t["changes_actual"].empty,
        "has_budget": not t["changes_budget"].empty,
    }


def _written_changes(workspace: Workspace, report: YearReport, lang: str) -> Markup | None:
    """This plan against the baseline year's plan, as `planbook diff` shows it."""
    from generator.diff.compare import compare_plans
    from generator.model.workspace import plan_with_campaign_files
    from generator.render.diff import ChangeNamer, diff_markdown

    old = plan_with_campaign_files(workspace, report.unit, report.summary["baseline_year"])
    new = plan_with_campaign_files(workspace, report.unit, report.year)
    if old is None or new is None:
        return None
    changes = compare_plans(old, new)
    return Markup(diff_markdown(str(report.summary["baseline_year"]), str(report.year), changes, lang, "##",
                                namer=ChangeNamer(old, new, lang)))


def _change_table(frame: pd.DataFrame, columns: list[str], lang: str, plan: Any) -> Markup:
    return markdown_table(frame, columns, lang, plan)


__all__ = ["render_site", "SiteOptions", "Rendered", "TemplateError"]

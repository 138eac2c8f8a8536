"""Read a plans folder: every YAML file into a typed document, with problems.

This is the first half of the pipeline (load + model).  The cross-document
rules live in `generator.validate`.  A review's `source:` file is read here,
once, so each review document carries its rows and their problems; the
workspace that comes out is immutable, and every later stage only reads it.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Union

from pydantic import ValidationError

from generator.load.frontmatter import read_front_matter
from generator.load.overlay import is_scenario_file, read_overlay
from generator.load.places import resolve_source
from generator.load.warehouse import ASK_NOW, QueryOptions, looks_like_url, query_table
from generator.load.yamltree import Mark, SourceMap, read_mapping
from generator.model.catalog import METRICS, TOOLS, metric_for
from generator.model.documents import DOCUMENT_MODELS, CampaignDocument, Plan, ProductActual, Review, ToolActual
from generator.model.errors import one_per_spot, problems_from_validation, suggest
from generator.model.recovery import header_guess, left_out_id, prune
from generator.problems import Problem, display_path, make

if TYPE_CHECKING:
    from generator.load.sourcefile import SourceRow

AnyDocument = Union[Plan, Review, CampaignDocument]
MAX_RECOVERY_PASSES = 8  # each pass leaves out what failed; real documents need one or two


@dataclass(frozen=True)
class Document:
    """One valid document with the source map that places its values.

    A review with `source:` also carries the rows read from that file (channel
    ids resolved) and the problems of reading them."""

    path: str  # as shown to the user
    file: Path
    model: AnyDocument
    source: SourceMap
    source_rows: tuple[SourceRow, ...] = ()
    source_problems: tuple[Problem, ...] = ()
    # What was left out because it failed to validate, as (kind, id): ("channel", "jd"),
    # ("campaign", "618"), ("sku", "A-1"), ("tool", "jd_express"); and where, as paths
    # (("targets", "gmv", "total")). Rules do not report what follows from a gap that is
    # already reported (`unknown-channel jd`, shares that no longer add up).
    left_out: frozenset[tuple[str, str]] = frozenset()
    left_out_paths: frozenset[tuple[Any, ...]] = frozenset()
    # The data as written (after loading), which a scenario overlays (spec 14).
    data: Any = field(default=None, compare=False, repr=False)

    @property
    def kind(self) -> str:
        return self.model.kind

    @property
    def key(self) -> tuple[str, int]:
        return (self.model.unit, self.model.year)

    def left_out_under(self, *path: Any) -> bool:
        """Whether a value at or below `path` was left out: a rule that judges them together
        (a sum, twelve weights) would judge what is left."""
        return any(gone[:len(path)] == path for gone in self.left_out_paths)

    def written_at(self, *path: Any) -> str:
        """`file:line` of the value at `path`, for a message that names it."""
        file, mark = self.source.written_at(path)
        return f"{file}:{mark.line}"

    def mark(self, *path: Any, key: bool = False) -> Mark:
        return self.source.key(path) if key else self.source.value(path)

    def problem(self, code: str, *path: Any, key: bool = False, **args: Any) -> Problem:
        """A problem placed at `path` in this document (its key with key=True)."""
        mark = self.mark(*path, key=key)
        return make(code, self.path, mark.line, mark.column, **args)


@dataclass(frozen=True)
class Page:
    """An operator's own Markdown page."""

    path: str
    file: Path
    text: str
    meta: dict[str, Any] = field(default_factory=dict)  # its front matter, read by load.frontmatter


@dataclass(frozen=True)
class Unloaded:
    """A YAML file that could not be read into a document: what its header says
    (read from the text, as far as it goes), so that the documents that depend
    on it are not judged against nothing."""

    path: str
    kind: str | None
    unit: str
    year: int | None


@dataclass(frozen=True)
class Workspace:
    """Every document of a plans folder, and the problems found reading them (immutable)."""

    root: Path
    documents: tuple[Document, ...] = ()
    pages: tuple[Page, ...] = ()
    problems: tuple[Problem, ...] = ()
    unloaded: tuple[Unloaded, ...] = ()  # YAML files that did not become documents
    files: int = 0  # every file read (documents, pages and the unloaded)
    # Scenario overlays (`plans/2026/scenarios/*.yaml`, spec 14), read but not applied.
    scenarios: tuple[Any, ...] = ()
    # Set on a scenario's own workspace (`model.scenarios.apply_scenario`): its name (the
    # reports say it), and the driver changes compute applies to the targets of (unit, year).
    scenario: str | None = None
    drivers: dict[tuple[str, int], tuple[Any, ...]] = field(default_factory=dict)
    # (kind, unit, year) → documents: rules look documents up per document, and a
    # scan per lookup made 240 documents five times slower than 60.
    _index: dict[tuple[str, str, int], list[Document]] = field(default_factory=dict, init=False, repr=False,
                                                               compare=False)

    def __post_init__(self) -> None:
        for document in self.documents:
            self._index.setdefault((document.kind, *document.key), []).append(document)

    def of_kind(self, kind: str) -> Iterator[Document]:
        return (d for d in self.documents if d.kind == kind)

    def _by_key(self, kind: str, unit: str, year: int) -> list[Document]:
        return self._index.get((kind, unit, year), [])

    def plan(self, unit: str, year: int) -> Document | None:
        found = self._by_key("plan", unit, year)
        return found[0] if found else None

    def plan_model(self, unit: str, year: int) -> Plan | None:
        """The typed plan of (unit, year), if there is one."""
        document = self.plan(unit, year)
        return document.model if document is not None and isinstance(document.model, Plan) else None

    def review(self, unit: str, year: int) -> Document | None:
        found = self._by_key("review", unit, year)
        return found[0] if found else None

    def campaign_documents(self, unit: str, year: int) -> list[Document]:
        return list(self._by_key("campaign", unit, year))

    def units_years(self) -> list[tuple[str, int]]:
        """Every (unit, year) with a plan or a review, sorted."""
        keys = {d.key for d in self.documents if d.kind in ("plan", "review")}
        return sorted(keys)


def plan_files(root: Path) -> list[Path]:
    """Every YAML and Markdown file below `root`, in a stable order; hidden folders skipped."""
    if root.is_file():
        return [root]
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            # plan.YAML (Windows editors, Excel's "Save as") is a plan like plan.yaml
            if name.lower().endswith((".yaml", ".yml", ".md")) and not name.startswith("."):
                found.append(Path(folder) / name)
    return found


# A file's bytes → its document and the problems reading it gave (under `serve`).
ParsedCache = dict[str, tuple[bytes, "Document | None", tuple[Problem, ...]]]


def read_workspace(root: Path, parsed: ParsedCache | None = None,
                   warehouse: QueryOptions = ASK_NOW) -> Workspace:
    """Load and type every document under `root`; bad input becomes problems.

    With `parsed` (kept by `serve` between renders), a file whose bytes did not
    change is not parsed and typed again: at 240 documents that was most of a
    one-file re-render.  Cross-document rules always run on the whole workspace."""
    documents: list[Document] = []
    pages: list[Page] = []
    problems: list[Problem] = []
    unloaded: list[Unloaded] = []
    overlays: list[Any] = []
    files = plan_files(root)
    boundary = root.resolve() if root.is_dir() else root.resolve().parent
    seen: set[str] = set()
    for file in files:
        shown = display_path(str(file))
        seen.add(shown)
        if not file.resolve().is_relative_to(boundary):
            # A link that leads out of the plans folder is not read nor published,
            # the same rule as for `source:` files.
            problems.append(make("file-outside", shown, 1, 1, file=shown))
            continue
        if file.suffix.lower() == ".md":
            pages.append(_read_page(file, shown, problems))
            continue
        if is_scenario_file(file):
            overlay = read_overlay(file, shown, problems)
            if overlay is not None:
                overlays.append(overlay)
            continue
        document = _read_remembered(file, shown, problems, parsed)
        if document is not None:
            documents.append(document)
        else:
            unloaded.append(Unloaded(shown, *header_guess(file)))
    if parsed is not None:  # files that are gone are forgotten
        for gone in set(parsed) - seen:
            del parsed[gone]
    plans = {d.key: d.model for d in documents if isinstance(d.model, Plan)}
    documents = [_with_item_report(_with_ad_report(_with_source_rows(d, plans, root, warehouse), root), plans, root)
                 for d in documents]
    return Workspace(root, tuple(documents), tuple(pages), tuple(problems), tuple(unloaded), len(files),
                     tuple(overlays))


def header_names(declared: dict[str, Any] | None) -> dict[str, str]:
    """The metric names a source file's header may carry, keyed as `exports.plain`
    compares them: ids and Chinese labels (访客数 UV, and 访客数) of the catalog and
    of the plan's own metrics."""
    from generator.load.platform_exports import plain

    names: dict[str, str] = {}
    labelled = [(m.id, m.zh) for m in METRICS.values()] + [(k, d.label) for k, d in (declared or {}).items()]
    for metric_id, label in labelled:
        for name in (metric_id, label, label.split(" ")[0]):
            names.setdefault(plain(name), metric_id)
    return names


def _with_source_rows(document: Document, plans: dict[tuple[str, int], Plan], root: Path,
                      warehouse: QueryOptions = ASK_NOW) -> Document:
    """A review with the rows of its `source:` file, read once (channel display
    names mapped to ids, values checked against the metrics' units)."""
    review = document.model
    if not isinstance(review, Review) or review.source_name is None:
        return document
    from generator.load.sourcefile import read_source, read_table  # for a source only

    # The channels a review may use: its year's plan's, else the next year's
    # (a review without a plan is the baseline of the first planned year).
    plan = plans.get((review.unit, review.year)) or plans.get((review.unit, review.year + 1))
    channels = dict(plan.channels) if plan else {}
    declared = dict(plan.metrics) if plan else None

    def unit_of(metric_id: str) -> str | None:
        found = metric_for(metric_id, declared)
        return found.unit if found else None

    query = review.source_query
    if query is not None and query.connection is not None and looks_like_url(query.connection):
        # a URL or DSN in git would carry the warehouse's password to every clone: said first
        return dataclasses.replace(document, source_problems=(
            document.problem("source-url-in-yaml", "actuals", "source", "connection"),))
    file = resolve_source(document.file, review.source_name, root)
    where = ("actuals", "source", "sql") if query else ("actuals", "source")
    if file is None:
        return dataclasses.replace(document, source_problems=(
            document.problem("source-outside", *where, file=review.source_name),))
    if not file.is_file():
        return dataclasses.replace(document, source_problems=(
            document.problem("source-missing", *where, file=review.source_name),))
    from generator.load.sourcefile import SourceOptions

    names = header_names(declared)
    sums = frozenset(m for m in names.values() if (found := metric_for(m, declared)) and found.sums)
    by_name = {name: cid for cid, name in channels.items()}
    by_name.update(review.source_channels)  # shop names as the export writes them
    channel = by_name.get(review.channel, review.channel) if review.channel else None
    if channel and channels and channel not in channels and channel.lower() != "all":
        # the review's own `channel:` names no channel: its problem, not the file's
        return dataclasses.replace(document, source_problems=(document.problem(
            "unknown-channel", "actuals", "channel", channel=review.channel,
            declared=", ".join(channels) or "—"),))
    options = SourceOptions(review.preset, channel, tuple(review.columns.items()), tuple(names.items()), sums)
    shown = display_path(str(file))
    if query is not None:
        table, shown, failed = query_table(file, query.connection, root, document.path, warehouse)
        # an unset variable is the review's problem, at its `connection:`
        failed = [dataclasses.replace(p, **_place(document.problem(p.code, "actuals", "source", "connection",
                                                                    **dict(p.args))))
                  if p.code == "source-connection-unset" else p for p in failed]
        read, problems = read_table(table, shown, review.year, unit_of, options, failed) if table is not None \
            else ([], failed)
    else:
        read, problems = read_source(file, review.encoding, review.year, unit_of, options)
    rows: list[SourceRow] = []
    unknown: dict[str, list[int]] = {}  # a shop name no channel is called → its rows
    for row in read:
        channel = row.channel if row.channel in channels or not row.channel else by_name.get(row.channel)
        if channel is None:
            unknown.setdefault(row.channel, []).append(row.row)
            continue
        rows.append(dataclasses.replace(row, channel=channel))
    for value, at in unknown.items():  # one problem per name, not one per row (a query's: at its result)
        problems.append(make("source-unknown-channel", shown, min(at), 1, value=value, count=len(set(at)),
                             row=min(at)))
    return dataclasses.replace(document, source_rows=tuple(rows), source_problems=tuple(problems))


def _place(problem: Problem) -> dict[str, Any]:
    """A problem's place (file, line, column), to move another problem there."""
    return {"path": problem.path, "line": problem.line, "column": problem.column}


def _with_ad_report(document: Document, root: Path) -> Document:
    """A review whose `budget:` names an ad report (万相台, 千川): each tool's spend and
    attributed GMV summed from the report's plans (through `tools:`), beside the tools
    written by hand, which win; a plan the map does not name is listed once."""
    review = document.model
    if not isinstance(review, Review) or review.budget_source is None:
        return document
    from generator.load.reports import read_ad_report  # here, after the common case: an import

    where = ("budget", "source")
    file = resolve_source(document.file, review.budget_source, root)
    if file is None:
        return dataclasses.replace(document, source_problems=(
            *document.source_problems, document.problem("source-outside", *where, file=review.budget_source)))
    if not file.is_file():
        return dataclasses.replace(document, source_problems=(
            *document.source_problems, document.problem("source-missing", *where, file=review.budget_source)))
    rows, problems = read_ad_report(file, review.budget_encoding, review.year, review.budget_preset,
                                    dict(review.budget_columns), one_tool=review.budget_tool is not None)
    totals: dict[str, list[Decimal | None]] = {}
    unmapped: dict[str, Decimal] = {}
    incomplete: set[str] = set()  # a row with spend and no GMV (or the other way): that tool's ROI is unknown
    for row in rows:
        tool = review.budget_tool or review.budget_tools.get(row.plan) or (row.plan if row.plan in TOOLS else None)
        if tool is None:
            unmapped[row.plan] = unmapped.get(row.plan, Decimal(0)) + (row.spend or Decimal(0))
            continue
        spend, gmv = totals.setdefault(tool, [Decimal(0), Decimal(0)])
        if row.gmv is None or row.spend is None:
            incomplete.add(tool)
        totals[tool] = [(spend or Decimal(0)) + (row.spend or 0), (gmv or Decimal(0)) + (row.gmv or 0)]
    for tool in incomplete:
        totals[tool][1] = None  # GMV of only some days is no tool's GMV: unknown, never a flattering ROI
    shown = display_path(str(file))
    without_gmv = sorted(tool for tool, (_spend, gmv) in totals.items() if gmv is None)
    if without_gmv:  # spend without attributed GMV: ROI unknown, never 0.00
        problems.append(make("source-no-gmv", shown, 1, 1, tools="、".join(without_gmv)))
    if unmapped:
        problems.append(make("source-unmapped-plans", shown, 1, 1, file=shown, count=len(unmapped),
                             plans="、".join(sorted(unmapped)),
                             spend=f"{sum(unmapped.values(), Decimal(0)):,.2f}"))
    merged = dict(review.budget)
    for tool, (spend, gmv) in totals.items():
        written = merged.get(tool)
        if written is not None and written.spend is not None and written.spend.exact != spend:
            problems.append(document.problem("budget-source-conflict", "budget", tool, "spend", tool=tool,
                                             written=f"{written.spend.exact:,.2f}", from_file=f"{spend:,.2f}",
                                             file=review.budget_source))
        if written is None:
            merged[tool] = ToolActual.model_validate({"spend": f"{spend}", **({"gmv": f"{gmv}"} if gmv is not None
                                                                               else {})})
    return dataclasses.replace(document, model=review.model_copy(update={"budget": merged}),
                               source_problems=(*document.source_problems, *problems))


def _with_item_report(document: Document, plans: dict[tuple[str, int], Plan], root: Path) -> Document:
    """A review whose `products:` names an item report (生意参谋 商品): units sold and
    revenue per SKU of the plan, beside the SKUs written by hand, which win; the
    report's SKUs that the plan does not have are listed once."""
    review = document.model
    if not isinstance(review, Review) or review.products_source is None:
        return document
    from generator.load.reports import read_item_report  # here, after the common case: an import

    where = ("products", "source")
    file = resolve_source(document.file, review.products_source, root)
    if file is None or not file.is_file():
        code = "source-outside" if file is None else "source-missing"
        return dataclasses.replace(document, source_problems=(
            *document.source_problems, document.problem(code, *where, file=review.products_source)))
    rows, problems = read_item_report(file, review.products_encoding, review.products_preset,
                                      dict(review.products_columns))
    plan = plans.get((review.unit, review.year))
    skus = {p.sku for p in plan.products} if plan else set()
    totals: dict[str, list[Decimal | None]] = {}
    unknown: list[str] = []
    for row in rows:
        if skus and row.sku not in skus:
            unknown.append(row.sku)
            continue
        units, revenue = totals.get(row.sku, [None, None])
        totals[row.sku] = [_plus(units, row.units), _plus(revenue, row.revenue)]
    shown = display_path(str(file))
    if unknown:
        problems.append(make("source-unknown-skus", shown, 1, 1, file=shown, count=len(unknown),
                             skus="、".join(sorted(set(unknown)))))
    merged = dict(review.products)
    for sku, (units, revenue) in totals.items():
        if sku in merged:
            continue  # written by hand: the review wins
        merged[sku] = ProductActual.model_validate(
            {k: f"{v}" for k, v in (("units", units), ("revenue", revenue)) if v is not None})
    return dataclasses.replace(document, model=review.model_copy(update={"products": merged}),
                               source_problems=(*document.source_problems, *problems))


def _plus(a: Any, b: Any) -> Any:
    return b if a is None else a if b is None else a + b


def _read_remembered(file: Path, shown: str, problems: list[Problem], parsed: ParsedCache | None) -> Document | None:
    if parsed is None:
        return read_document(file, shown, problems)
    try:
        raw = file.read_bytes()
    except OSError:
        return read_document(file, shown, problems)  # which reports it
    remembered = parsed.get(shown)
    if remembered is not None and remembered[0] == raw:
        problems.extend(remembered[2])
        return remembered[1]
    found: list[Problem] = []
    document = read_document(file, shown, found)
    parsed[shown] = (raw, document, tuple(found))
    problems.extend(found)
    return document


def read_document(file: Path, shown: str, problems: list[Problem]) -> Document | None:
    """One YAML file → a typed document, or None with its problems added."""
    before = len(problems)
    read = read_mapping(file, shown, problems)
    if read is None:
        return None
    data, source = read
    loader_problems = problems[before:]  # the loader's: their spots need no second problem
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in DOCUMENT_MODELS:
        if "kind" not in data:
            problems.append(make("missing-key", shown, 1, 1, name="kind"))
        else:
            mark = source.value(("kind",))
            text = str(kind)
            problems.append(
                make("invalid-choice", shown, mark.line, mark.column, text=text,
                     choices=list(DOCUMENT_MODELS), suggestion=suggest(text, DOCUMENT_MODELS))
            )
        return None
    return typed_document(DOCUMENT_MODELS[kind], data, source, shown, file, problems, loader_problems)


def typed_document(model_class: Any, data: dict[str, Any], source: SourceMap, shown: str, file: Path,
                   problems: list[Problem], already: list[Problem] | tuple[Problem, ...] = ()) -> Document | None:
    """Parsed data → a typed document (None when nothing validates), with its problems
    added; `already`: the loader's problems, whose spots need no second problem."""
    reported = {(p.line, p.column) for p in already}
    model = None
    left_out: set[tuple[str, str]] = set()
    left_out_paths: set[tuple[Any, ...]] = set()
    for _attempt in range(MAX_RECOVERY_PASSES):
        try:
            model = model_class.model_validate(data)
            break
        except ValidationError as exc:
            found = one_per_spot([p for p in problems_from_validation(exc, model_class, source)
                                  if (p.line, p.column) not in reported])
            problems.extend(found)
            reported.update((p.line, p.column) for p in found)
            # Leave the offending entries out and check the rest (spec 11: one typo
            # never hides its neighbours).
            errors = exc.errors(include_url=False)
            paths = [source.resolve(tuple(d["loc"])) for d in errors]
            left_out.update(left_out_id(data, path) for path in paths)
            left_out_paths.update(paths)
            pruned = prune(data, source, paths, _stand_ins(errors, source))
            if pruned is None:
                return None
            data, source = pruned
    if model is None:
        return None
    left_out.discard(("", ""))
    return Document(shown, file, model, source, left_out=frozenset(left_out), left_out_paths=frozenset(left_out_paths),
                    data=data)


def _stand_ins(errors: list[Any], source: SourceMap) -> dict[tuple[Any, ...], Any]:
    """A valid choice in place of a wrong one (`type: official` → the first choice), so
    the entry stays and its other fields are still checked; the error is reported."""
    out: dict[tuple[Any, ...], Any] = {}
    for detail in errors:
        if detail["type"] not in ("literal_error", "enum"):
            continue
        expected = str(detail.get("ctx", {}).get("expected", ""))
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]
        loc = tuple(detail["loc"])
        if choices and source.resolve(loc) == loc:
            out[loc] = choices[0]
    return out


def _read_page(file: Path, shown: str, problems: list[Problem]) -> Page:
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(make("encoding", shown, 1, 1, byte="?"))
        text = raw.decode("utf-8", errors="replace")
    front = read_front_matter(text, shown)
    problems.extend(front.problems)
    return Page(shown, file, text, front.data)


@dataclass(frozen=True)
class PlacedCampaign:
    """A campaign with the document and path it was written at."""

    document: Document
    path: tuple[Any, ...]  # ("campaigns", 3) in a plan, () in a campaign document
    campaign: Any  # documents.Campaign

    def problem(self, code: str, *path: Any, key: bool = False, **args: Any) -> Problem:
        return self.document.problem(code, *self.path, *path, key=key, **args)


def campaigns_of(workspace: Workspace, unit: str, year: int) -> list[PlacedCampaign]:
    """The campaigns of (unit, year): the plan's list, then the campaign documents."""
    placed: list[PlacedCampaign] = []
    plan = workspace.plan(unit, year)
    if plan is not None:
        assert isinstance(plan.model, Plan)
        placed.extend(
            PlacedCampaign(plan, ("campaigns", i), c) for i, c in enumerate(plan.model.campaigns)
        )
    placed.extend(PlacedCampaign(d, (), d.model) for d in workspace.campaign_documents(unit, year))
    return placed


def files_read(document: Document, root: Path) -> list[Path]:
    """The files a review reads besides itself: `source:`, the ad report (`budget:
    source:`) and the item report (`products: source:`), by the loading rule (a file
    outside the plans folder is not read)."""
    found = []
    for attribute in ("source_name", "budget_source", "products_source"):
        name = getattr(document.model, attribute, None)
        candidate = resolve_source(document.file, name, root) if name else None
        if candidate is not None and candidate.is_file():
            found.append(candidate)
    query = getattr(document.model, "source_query", None)
    if query is not None and query.connection is None:
        # the embedded DuckDB may read any data file of the plans folder
        found += [f for f in plan_data_files(root) if f not in found]
    return found


DATA_SUFFIXES = (".parquet", ".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".json")


def plan_data_files(root: Path) -> list[Path]:
    """The data files of a plans folder (what an embedded query can read), sorted."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in DATA_SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def plan_with_campaign_files(workspace: Workspace, unit: str, year: int) -> Plan | None:
    """The plan of (unit, year) with the campaigns of its own campaign documents
    (`campaigns/double11.yaml`) folded in: what a reader counts as the plan."""
    plan = workspace.plan_model(unit, year)
    if plan is None:
        return None
    extra = [p.campaign for p in campaigns_of(workspace, unit, year) if p.path == ()]
    return plan.model_copy(update={"campaigns": [*plan.campaigns, *extra]}) if extra else plan

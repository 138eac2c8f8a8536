"""The three document kinds: plan (年度运营计划), review (复盘) and campaign.

Models hold what was written, parsed and typed; they compute nothing.  Forms
that may be written short (a bare target value, a tool given as `10%`) are
widened to their mapping form before validation.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    PlainValidator,
    Tag,
    WithJsonSchema,
    model_validator,
)

from generator.load.quantities import Quantity, parse_quantity
from generator.model.fields import (
    Amount,
    Date,
    Model,
    Months,
    Phasing,
    Placement,
    Qty,
    Rate,
    Ratio,
    Role,
    Season,
    Slug,
    Text,
)

Year = Annotated[int, Field(strict=True, ge=2000, le=2100)]


def _total_if_scalar(value: Any) -> Any:
    return value if isinstance(value, (dict, list)) else {"total": value}


# --- targets ---------------------------------------------------------------------


class SpreadTarget(Model):
    """A total with its monthly shape: the body of a target or a channel's target."""

    total: Qty | None = None
    months: Months | None = None
    quarters: list[Qty] | None = None
    phasing: Phasing | None = None


ChannelTarget = Annotated[
    Union[Annotated[Qty, Tag("scalar")], Annotated[SpreadTarget, Tag("map")]],
    Discriminator(lambda v: "map" if isinstance(v, dict) else "scalar"),
]


class Target(SpreadTarget):
    """A metric's target: a total, its monthly form, and its channel split."""

    channels: dict[str, ChannelTarget] | None = None


TargetField = Annotated[
    Target, BeforeValidator(_total_if_scalar, json_schema_input_type=Union[Target, float, str])
]


class MetricDef(Model):
    label: Text
    unit: Literal["money", "count", "rate", "ratio", "rank"] = "count"
    total: Literal["sum", "none"] | None = None
    better: Literal["higher", "lower"] = "higher"
    family: Text | None = None


# --- products, budget, costs -----------------------------------------------------


class Product(Model):
    sku: Text
    name: Text
    role: Role
    price: Amount
    cost: Amount | None = None
    category: Text | None = None
    season: Season = "all"
    new: bool = False
    units: Amount | None = None
    note: Text | None = None


def _tool_entry(value: Any) -> Any:
    if isinstance(value, (dict, list)) or isinstance(value, Quantity):
        return value
    quantity = parse_quantity(value)
    return {"share": quantity} if quantity.is_percent else {"amount": quantity}


class ToolBudget(Model):
    share: Rate | None = None
    amount: Amount | None = None
    roi: Ratio | None = None
    daily: Amount | None = None
    audience: Text | None = None
    skus: list[Text] = []
    note: Text | None = None


class ToolDeclaration(Model):
    name: Text
    platform: Text
    placement: Placement


class Budget(Model):
    total: Qty | None = None  # an amount, or a share of the GMV target
    months: Months | None = None
    quarters: list[Qty] | None = None
    phasing: Phasing | None = None
    tools: dict[
        str, Annotated[ToolBudget, BeforeValidator(_tool_entry, json_schema_input_type=Union[ToolBudget, float, str])]
    ] = {}
    tools_declared: dict[Slug, ToolDeclaration] = {}


def _cost_value(value: Any) -> Quantity | str:
    if isinstance(value, str) and value.strip().lower() == "budget":
        return "budget"
    return value if isinstance(value, Quantity) else parse_quantity(value)


# An amount, a share of GMV (5%), a cost per order (6元/单) or the word `budget`.
CostValue = Annotated[
    Union[Quantity, str],
    PlainValidator(_cost_value),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}]}),
]

# --- campaigns ----------------------------------------------------------------------


class Task(Model):
    name: Text
    due: Date
    owner: Text | None = None
    done: bool = False


GoalValue = Annotated[
    Union[Annotated[Qty, Tag("scalar")], Annotated[dict[str, Qty], Tag("map")]],
    Discriminator(lambda v: "map" if isinstance(v, dict) else "scalar"),
]


class Campaign(Model):
    id: Text
    name: Text
    type: Literal["platform", "store"]
    node: Text | None = None
    channels: list[Text] = []
    start: Date
    end: Date
    theme: Text | None = None
    mechanics: list[Text] = []
    offers: Text | list[Text] | None = None
    goals: dict[str, GoalValue] = {}
    sku_goals: dict[Text, dict[str, Qty]] = {}
    budget: dict[str, Amount] = {}
    owner: Text | None = None
    tasks: list[Task] = []
    note: Text | None = None


class CampaignProblem(Model):
    problem: Text
    solved: bool = False
    how: Text | None = None


class CampaignReview(Model):
    actual: dict[str, GoalValue] = {}
    spend: dict[str, Amount] = {}
    highlights: list[Text] = []
    problems: list[CampaignProblem] = []
    improvements: list[Text] = []


# --- the documents --------------------------------------------------------------------


class Positioning(Model):
    market: Text | None = None
    price: Text | None = None
    visual: Text | None = None
    geography: Text | None = None
    audience: Text | None = None
    channel: Text | None = None


class Competitor(Model):
    name: Text
    price: Text | None = None
    strengths: Text | None = None
    weaknesses: Text | None = None
    watch: list[Text] = []
    note: Text | None = None


class Retention(Model):
    lever: Literal["membership", "promotions", "cashback", "coupons", "product", "stickiness"]
    action: Text
    metric: Text | None = None


class Header(Model):
    kind: Literal["plan", "review", "campaign"]
    year: Year
    unit: Slug = "main"
    title: Text | None = None


class Plan(Header):
    kind: Literal["plan"]
    currency: Text = "CNY"
    owner: Text | None = None
    baseline: Year | None = None
    goals: list[Text] = []
    positioning: Positioning | None = None
    channels: dict[Slug, Text] = {}
    phasing: list[Qty] | None = None
    profiles: dict[Text, list[Qty]] = {}
    calendar: dict[Text, Date] = {}
    metrics: dict[Slug, MetricDef] = {}
    targets: dict[str, TargetField] = {}
    products: list[Product] = []
    budget: Budget | None = None
    costs: dict[str, CostValue] = {}
    campaigns: list[Campaign] = []
    competitors: list[Competitor] = []
    retention: list[Retention] = []

    @property
    def baseline_year(self) -> int:
        return self.baseline if self.baseline is not None else self.year - 1


class ActualChannel(Model):
    total: Qty | None = None
    months: Months | None = None


class Actual(Model):
    total: Qty | None = None
    months: Months | None = None
    channels: dict[
        str,
        Annotated[ActualChannel, BeforeValidator(_total_if_scalar, json_schema_input_type=Union[ActualChannel, float, str])],
    ] | None = None


class ToolActual(Model):
    spend: Amount | None = None
    gmv: Amount | None = None


class ProductActual(Model):
    units: Amount | None = None
    stock: Amount | None = None
    revenue: Amount | None = None
    in_campaign: bool | None = None


class Event(Model):
    date: Date
    event: Text
    node: Text | None = None
    channel: Text | None = None


class Cause(Model):
    metric: Text | None = None
    type: Literal["objective", "subjective"]
    text: Text


class Actions(Model):
    keep: list[Text] = []
    change: list[Text] = []
    stop: list[Text] = []
    start: list[Text] = []


_SOURCE_KEYS = ("source", "encoding", "preset", "channel", "columns")


class SqlSource(Model):
    """`source: {sql: queries/2026.sql, connection: PLANBOOK_WAREHOUSE}` (spec 16): a query
    whose result is the review's actuals; `connection` names an environment variable
    holding the warehouse's URL (none: the embedded DuckDB over the plans folder)."""

    sql: Text
    connection: Text | None = None


class Review(Header):
    kind: Literal["review"]
    as_of: Date | None = None
    summary: Text | None = None
    actuals: dict[
        str, Annotated[Actual, BeforeValidator(_total_if_scalar, json_schema_input_type=Union[Actual, float, str])]
    ] = {}
    source: Text | None = None
    source_query: SqlSource | None = None  # `source: {sql:, connection:}` (spec 16)
    encoding: Text | None = None
    preset: Text | None = None  # a built-in column map of a platform export (spec 4.1)
    channel: Text | None = None  # every row of the source file belongs to this channel
    columns: dict[Text, Text] = {}  # the file's own column names → metric ids (or date)
    source_channels: dict[Text, Text] = {}  # `actuals: channels:` the file's shop names → channel ids
    costs: dict[str, CostValue] = {}
    budget: dict[str, ToolActual] = {}
    # `budget: {source:, preset:, tools:}`: spend and GMV per tool from an ad report
    budget_source: Text | None = None
    budget_preset: Text | None = None
    budget_encoding: Text | None = None
    budget_tools: dict[Text, Text] = {}  # the report's plan or scene names → tool ids
    budget_tool: Text | None = None  # a report that is all one tool (千川全域推广): no plan column
    budget_columns: dict[Text, Text] = {}  # the report's own column names → date, plan, spend, gmv
    campaigns: dict[Text, CampaignReview] = {}
    products: dict[Text, ProductActual] = {}
    # `products: {source:, preset:}`: units sold and revenue per SKU from an item report
    products_source: Text | None = None
    products_preset: Text | None = None
    products_encoding: Text | None = None
    products_columns: dict[Text, Text] = {}  # the report's own column names → sku, units, revenue
    timeline: list[Event] = []
    causes: list[Cause] = []
    actions: Actions | None = None

    @model_validator(mode="before")
    @classmethod
    def _lift_source(cls, data: Any) -> Any:
        # `source:`, `encoding:`, `preset:`, `channel:` and `columns:` are written inside `actuals:` (spec 4.1)
        # beside the metrics; lift them out so `actuals` holds metrics only.
        if isinstance(data, dict) and isinstance(data.get("actuals"), dict):
            actuals = dict(data["actuals"])
            lifted = {k: actuals.pop(k) for k in _SOURCE_KEYS if k in actuals}
            for shops in ("channels", "shops"):  # the file's shop names → channel ids
                if isinstance(actuals.get(shops), dict):
                    lifted["source_channels"] = {**lifted.get("source_channels", {}), **actuals.pop(shops)}
            if isinstance(lifted.get("source"), dict):  # a query, not a file
                lifted["source_query"] = lifted.pop("source")
            if lifted:
                data = {**data, "actuals": actuals, **lifted}
        if isinstance(data, dict) and isinstance(data.get("products"), dict):
            products = dict(data["products"])
            lifted = {f"products_{k}": products.pop(k) for k in ("source", "preset", "encoding", "columns")
                      if k in products}
            if lifted:
                data = {**data, "products": products, **lifted}
        if isinstance(data, dict) and isinstance(data.get("budget"), dict):
            budget = dict(data["budget"])
            lifted = {f"budget_{k}": budget.pop(k) for k in ("source", "preset", "encoding", "tools", "tool", "columns")
                      if k in budget}
            if lifted:
                data = {**data, "budget": budget, **lifted}
        return data

    @property
    def source_name(self) -> str | None:
        """What the actuals are read from, as written: the file, or the query's file."""
        return self.source or (self.source_query.sql if self.source_query else None)


class CampaignDocument(Header, Campaign):
    """A campaign in its own file, optionally with its own review."""

    kind: Literal["campaign"]
    review: CampaignReview | None = None


DOCUMENT_MODELS: dict[str, type[Header]] = {
    "plan": Plan,
    "review": Review,
    "campaign": CampaignDocument,
}

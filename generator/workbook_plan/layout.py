"""The workbook's sheets and columns, and the words its cells use.

Every sheet: row 1 the headers people read, row 2 the column ids (hidden; the
import reads them, so columns may be reordered), data from row 3.  A column
whose values are ids (a metric, a channel, a tool, a role) shows the id's label
and is followed by a hidden `<column>@id` column holding the id itself: people
read and pick labels, and the import still knows an id whose label two things
share.  A column of several values (a campaign's channels, its mechanics)
holds one value per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from generator.words import pick

# sheet names (Chinese, as operators name them; the English UI keeps them: they are ids too)
GENERAL, TARGETS, WEIGHTS, PRODUCTS, BUDGET, COSTS = "定位与目标", "目标", "月度权重", "商品", "推广预算", "费用"
CAMPAIGNS, CAMPAIGN_GOALS, TASKS = "活动", "活动目标", "活动日程"
METRICS, COMPETITORS, RETENTION = "自定义指标", "竞品", "留存举措"
META = "_planbook"  # hidden: the unit, the year and the files the workbook came from
SHEETS = (GENERAL, TARGETS, WEIGHTS, PRODUCTS, BUDGET, COSTS, CAMPAIGNS, CAMPAIGN_GOALS, TASKS, METRICS,
          COMPETITORS, RETENTION)
ID_SUFFIX = "@id"
MONTHS = [f"m{m}" for m in range(1, 13)]
QUARTERS = [f"q{q}" for q in range(1, 5)]


@dataclass(frozen=True)
class Column:
    cid: str
    zh: str
    en: str
    kind: str | None = None  # the vocabulary its values are ids of (shown as labels)
    multi: bool = False  # several values, one per line
    quantity: bool = False  # an amount, a share or a rate: a number in the cell

    def header(self, lang: str) -> str:
        return pick((self.zh, self.en), lang)


def _months() -> list[Column]:
    return [Column(f"m{m}", f"{m}月", f"M{m}", quantity=True) for m in range(1, 13)]


COLUMNS: dict[str, list[Column]] = {
    GENERAL: [Column("key", "键", "Key"), Column("label", "项目", "Item"), Column("value", "值", "Value")],
    TARGETS: [Column("metric", "指标", "Metric", "metric"), Column("channel", "渠道", "Channel", "channel"),
              Column("total", "全年", "Year", quantity=True), *_months(),
              *[Column(f"q{q}", f"Q{q}", f"Q{q}", quantity=True) for q in range(1, 5)],
              Column("phasing", "月度拆分", "Phasing", "phasing"), Column("form", "写法", "Form")],
    WEIGHTS: [Column("key", "键", "Key"), Column("label", "用途", "Used for"),
              *[Column(f"m{m}", f"{m}月", f"M{m}", quantity=True) for m in range(1, 13)]],
    PRODUCTS: [Column("sku", "SKU", "SKU"), Column("name", "名称", "Name"), Column("role", "角色", "Role", "role"),
               Column("price", "售价", "Price", quantity=True), Column("cost", "成本", "Cost", quantity=True),
               Column("category", "品类", "Category"), Column("season", "季节", "Season", "season"),
               Column("new", "新品", "New", "yes_no"), Column("units", "目标件数", "Units", quantity=True),
               Column("note", "备注", "Note")],
    BUDGET: [Column("tool", "工具", "Tool", "tool"), Column("share", "占比", "Share", quantity=True),
             Column("amount", "金额", "Amount", quantity=True), Column("roi", "计划 ROI", "ROI", quantity=True),
             Column("daily", "日限额", "Daily cap", quantity=True), Column("audience", "人群", "Audience"),
             Column("skus", "SKU", "SKUs", multi=True), Column("note", "备注", "Note"),
             Column("name", "名称(自定义工具)", "Name (declared)"),
             Column("platform", "平台", "Platform", "platform"),
             Column("placement", "站内/站外", "Placement", "placement"), Column("form", "写法", "Form")],
    COSTS: [Column("key", "费用项", "Cost", "cost"), Column("value", "金额 / 比例", "Value", quantity=True)],
    CAMPAIGNS: [Column("file", "文件", "File"), Column("id", "活动 id", "Id"), Column("name", "名称", "Name"),
                Column("type", "类型", "Type", "campaign_type"), Column("node", "节点", "Node", "node"),
                Column("channels", "渠道", "Channels", "channel", multi=True),
                Column("start", "开始", "Start"), Column("end", "结束", "End"), Column("theme", "主题", "Theme"),
                Column("mechanics", "玩法", "Mechanics", multi=True), Column("offers", "利益点", "Offers", multi=True),
                Column("owner", "负责人", "Owner"), Column("note", "备注", "Note")],
    CAMPAIGN_GOALS: [Column("campaign", "活动", "Campaign", "campaign"),
                     Column("part", "类别", "Part", "goal_part"), Column("item", "指标 / 项目", "Metric / item", "goal_item"),
                     Column("channel", "渠道", "Channel", "channel"), Column("sku_metric", "单品指标", "SKU metric",
                                                                             "sku_metric"),
                     Column("value", "值", "Value", quantity=True)],
    TASKS: [Column("campaign", "活动", "Campaign", "campaign"), Column("name", "事项", "Task"),
            Column("due", "截止", "Due"), Column("owner", "负责人", "Owner"), Column("done", "完成", "Done", "yes_no")],
    METRICS: [Column("id", "指标 id", "Id"), Column("label", "名称", "Label"), Column("unit", "单位", "Unit", "metric_unit"),
              Column("total", "合计方式", "Totals", "metric_total"), Column("better", "方向", "Better", "better"),
              Column("family", "分类", "Family", "family")],
    COMPETITORS: [Column("name", "竞品", "Competitor"), Column("price", "价格带", "Price range"),
                  Column("strengths", "优势", "Strengths"), Column("weaknesses", "劣势", "Weaknesses"),
                  Column("watch", "关注点", "Watch", multi=True)],
    RETENTION: [Column("lever", "举措类型", "Lever", "lever"), Column("action", "举措", "Action"),
                Column("metric", "指标", "Metric", "metric")],
}
# Columns shown with a hidden id beside them, and hidden outright (ids people need not see).
HIDDEN = {(GENERAL, "key"), (WEIGHTS, "key"), (TARGETS, "form"), (BUDGET, "form"), (CAMPAIGNS, "id"), (META, "*")}
BUDGET_ROW = "@budget"  # the budget's own total, a row of the budget sheet


@dataclass
class Meta:
    """What the hidden `_planbook` sheet says: whose workbook it is and where each
    document came from."""

    unit: str
    year: int
    lang: str | None
    files: list[str]  # the plan's file first, then the campaign files (relative to the plans folder)
    homes: dict[str, str]  # campaign id → the file it was exported from
    # A scenario's workbook (`export plan --scenario`): its name and file; importing it
    # writes the scenario's overlay there, never the plan's files (spec 14).
    scenario: str | None = None
    scenario_file: str | None = None


def read_meta(book: Any) -> Meta | None:
    """The `_planbook` sheet of a workbook, or None when it is missing or has no year."""
    if META not in book.sheetnames:
        return None
    found: dict[str, Any] = {}
    files: list[str] = []
    homes: dict[str, str] = {}
    for key, value, *more in book[META].iter_rows(values_only=True):
        if key == "file":
            files.append(str(value))
        elif key == "campaign" and more:
            homes[str(value)] = str(more[0])
        elif key:
            found[str(key)] = value
    try:
        year = int(found["year"])
    except (KeyError, TypeError, ValueError):
        return None
    lang = str(found["lang"]) if found.get("lang") in ("zh", "en") else None
    scenario = str(found["scenario"]) if found.get("scenario") else None
    scenario_file = str(found["scenario_file"]) if found.get("scenario_file") else None
    return Meta(str(found.get("unit") or "main"), year, lang, files, homes, scenario, scenario_file)


@dataclass
class Vocabulary:
    """id → label for each kind of id the workbook shows (built by the caller, which
    knows the site's words; see `render.labels.workbook_vocabulary`)."""

    lang: str = "zh"
    words: dict[str, dict[str, str]] = field(default_factory=dict)

    def label(self, kind: str, value: str) -> str:
        return self.words.get(kind, {}).get(value, value)

    def choices(self, kind: str) -> list[str]:
        return list(dict.fromkeys(self.words.get(kind, {}).values()))

    def resolve(self, kind: str, shown: str, hidden: str | None) -> str:
        """The id a cell means: the hidden id when its label is still what the cell
        shows (two ids may share a label), else the id whose label was picked or typed,
        else (for a campaign renamed on its own sheet) the hidden id, else the text
        itself (an id typed as such, or an unknown one that the check reports at its cell)."""
        words = self.words.get(kind, {})
        if hidden and words.get(hidden, hidden) == shown:
            return hidden
        for key, label in words.items():
            if label == shown:
                return key
        for key, label in words.items():  # a label typed in another case or width
            if label.casefold() == shown.casefold():
                return key
        if shown in words:
            return shown
        if kind == "campaign" and hidden:
            return hidden  # the campaign was renamed on the 活动 sheet; its other rows keep the old name
        return shown

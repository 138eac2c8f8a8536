"""A review's own words against its figures: a year-over-year change, an attainment
or a total written in the summary or a cause that the computed figures contradict
("同比增长 24%" where the year to date is +20.7 %) is a warning (spec 10).

These warnings must be right when they speak, not speak often.  A figure is
judged only when it plainly states the review's own period for the whole shop:

- it follows a metric's label in the same sentence (销售额 9015 万，同比增长 24%),
  the label nearest before it (直播销售额 is its own metric, not 销售额);
- the metric is a money or count total (a rate's "同比下降 1%" may mean points);
- nothing between the label and the figure, and nothing in the label's clause,
  names a channel or platform (天猫销售额 is not the shop's), a share (占比),
  another period (10 月, 去年, 全年目标, 双11) or several figures at once (分别);
- a month range is the review's own (1–10 月 in a review as of October).

Pure and free of pandas: `planbook check` runs it on the figures the report shows.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Iterator

from generator.model.catalog import METRICS, metric_for
from generator.model.documents import Review
from generator.model.workspace import Document, Workspace
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.compute.rolled import YearFigures

# Words operators write for a metric, beyond the catalog's labels (销售额 GMV → 销售额, GMV).
_ALIASES = {"成交额": "gmv", "成交金额": "gmv", "营业额": "gmv", "订单": "orders", "访客": "visitors",
            "新客": "new_customers"}
_DOWN = ("下降", "下滑", "减少", "降低", "回落")
_NUMBER = r"([+\-−]?\d+(?:\.\d+)?)"
# 同比增长 24%, 较去年增长 24%, 比上年同期下降 3%, YoY +24%: the comparison words are part
# of the match, so 去年 / 同期 in them do not read as "another period" (`_ELSEWHERE`)
_YOY = re.compile(r"(?:同比|[较比](?:去年|上年)(?:同期)?|YoY|yoy)\s*"
                  r"(增长|提升|上升|上涨|增加|下降|下滑|减少|降低|回落)?了?\s*" + _NUMBER + r"\s*[%％]")
_ATTAINMENT = re.compile(r"(?:目标)?(?:达成率|完成率|达成|完成)(?:了|为|是)?\s*" + _NUMBER + r"\s*[%％]")
# 销售额 9015 万, GMV 达 1.2亿: right after a metric's label, an amount in 万 or 亿
_AMOUNT = re.compile(r"\s*(?:达到|达|为|是|共|合计|累计|实现)?\s*" + _NUMBER + r"\s*(万|亿)")
_SENTENCE = re.compile(r"[。；;！!？?\n]")
_CLAUSE = re.compile(r"[，,、：:]")
# Words that make a figure about something else than the shop's year to date.
_ELSEWHERE = ("占比", "份额", "比例", "分别", "去年", "上年", "前年", "同期", "目标", "预算", "计划", "预计", "预测",
              "季度", "上半年", "下半年", "月均", "日均", "单月", "大促", "活动", "双11", "双十一", "618", "直播",
              "新品", "会员", "天猫", "淘宝", "京东", "抖音", "拼多多", "小红书", "快手", "门店", "超额", "超出")
_MONTH_RANGE = re.compile(r"(\d{1,2})\s*[–—\-~～至到]\s*(\d{1,2})\s*月")
_MONTH = re.compile(r"\d{1,2}\s*月|Q[1-4]")


def narrative_problems(workspace: Workspace) -> list[Problem]:
    """Every figure a review's summary or causes write that its computed figures contradict."""
    problems: list[Problem] = []
    for document in workspace.of_kind("review"):
        review = document.model
        if not isinstance(review, Review):
            continue
        written: list[tuple[tuple[object, ...], str | None]] = [(("summary",), review.summary)]
        written += [(("causes", i, "text"), cause.text) for i, cause in enumerate(review.causes)]
        texts = [(where, text) for where, text in written if text and re.search(r"\d\s*[%％万亿]", text)]
        if not texts:
            continue  # most reviews: no figures in their words, nothing to compute (nor imported)
        from generator.compute.rolled import year_figures

        figures = year_figures(workspace, review.unit, review.year)
        judge = _Judge(figures)
        for where, text in texts:
            problems.extend(judge.claims(document, where, text))
    return problems


class _Judge:
    """The claims of one review's texts against its year's figures."""

    def __init__(self, figures: YearFigures) -> None:
        self.figures = figures
        self.year = str(figures.review.year) if figures.review else ""
        declared = dict(figures.plan.metrics) if figures.plan else {}
        self.declared = declared
        found: dict[str, str] = dict(_ALIASES)
        for metric in [*METRICS.values(), *(m for k in declared if (m := metric_for(k, declared)))]:
            for label in (metric.zh, *metric.zh.split(" ")):
                found.setdefault(label, metric.id)
        self.labels = found
        plan = figures.plan
        self.elsewhere = (*_ELSEWHERE, *(plan.channels.values() if plan else ()), *(plan.channels if plan else ()))
        self.full_year = figures.limit == 12 and figures.covered is None

    def claims(self, document: Document, where: tuple[object, ...], text: str) -> Iterator[Problem]:
        for sentence in _SENTENCE.split(text):
            for kind, match, number in self._matches(sentence):
                found = self._label_before(sentence, match.start())
                if found is None:
                    continue
                metric, start, end = found
                computed = self._computed(kind, metric)
                if computed is None or not self._plainly_ours(sentence, start, end, match.start()):
                    continue
                written = Decimal(number.replace("−", "-"))
                if kind == "yoy" and match.group(1) in _DOWN:
                    written = -abs(written)
                if kind == "amount":
                    scale = Decimal(10_000) if match.group(2) == "万" else Decimal(100_000_000)
                    shown, shown_text = computed / scale, _amount_text(computed)
                    claim = sentence[start:match.end()].strip()
                else:
                    shown = computed * 100
                    sign = "+" if kind == "yoy" and shown > 0 else ""
                    shown_text, claim = f"{sign}{shown.quantize(Decimal('0.1'))}%", match.group(0).strip()
                if abs(shown - written) > _half_step(number):
                    problem = document.problem("narrative-mismatch", *where, claim=claim, metric=metric,
                                               computed=shown_text)
                    yield _at_the_claim(problem, document, claim)

    def _matches(self, sentence: str) -> Iterator[tuple[str, re.Match[str], str]]:
        for match in _YOY.finditer(sentence):
            yield "yoy", match, match.group(2)
        for match in _ATTAINMENT.finditer(sentence):
            if not sentence[max(0, match.start() - 2):match.start()].endswith("同比"):
                yield "attainment", match, match.group(1)
        for label in self.labels:
            for at in re.finditer(re.escape(label), sentence):
                amount = _AMOUNT.match(sentence, at.end())
                if amount is not None:
                    yield "amount", amount, amount.group(1)

    def _label_before(self, sentence: str, end: int) -> tuple[str, int, int] | None:
        """(metric, start, end) of the label that ends last before `end` (the longest
        of those ending there: 直播销售额, not the 销售额 inside it)."""
        best: tuple[int, int, str] | None = None
        head = sentence[:end]
        for label, metric in self.labels.items():
            at = head.rfind(label)
            if at < 0:
                continue
            key = (at + len(label), len(label), metric)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is None:
            return None
        label_end, length, metric = best
        return metric, label_end - length, label_end

    def _plainly_ours(self, sentence: str, start: int, end: int, figure: int) -> bool:
        """The figure speaks of the whole shop in the review's own period (module docstring)."""
        clause_start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, start)), default=0)
        around = sentence[clause_start:figure]
        if any(word and word in around for word in self.elsewhere):
            return False
        if "全年" in around and not self.full_year:
            return False
        for found in _MONTH_RANGE.finditer(around):
            if (int(found.group(1)), int(found.group(2))) != (1, self.figures.limit):
                return False
        return not _MONTH.search(_MONTH_RANGE.sub("", around))

    def _computed(self, kind: str, metric: str) -> Decimal | None:
        found = metric_for(metric, self.declared)
        if found is None or not found.sums:
            return None  # a rate's change may be written in points: not judged
        figures = self.figures
        actual = figures.actual_rolled.get((metric, "all"), {}).get(self.year)
        if actual is None:
            return None
        if kind == "amount":
            return actual
        if kind == "yoy":
            base = figures.baseline_rolled.get((metric, "all"), {}).get(self.year)
            return actual / base - 1 if base else None
        target = figures.ytd_targets.get((metric, "all"), {}).get(self.year)
        if not target or not actual:
            return None
        return target / actual if found.lower_is_better else actual / target


def _at_the_claim(problem: Problem, document: Document, claim: str) -> Problem:
    """The problem moved from the start of the text (a block scalar's `|`) to the claim
    itself: the first line from there that holds it, at its column."""
    try:
        lines = document.file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return problem
    for number in range(problem.line - 1, len(lines)):
        column = lines[number].find(claim)
        if column >= 0:
            return dataclasses.replace(problem, line=number + 1, column=column + 1)
    return problem


def _amount_text(value: Decimal) -> str:
    """An actual as the site shows it: 1.44亿, or 1,440万 below 1亿 (never "0.14亿")."""
    if abs(value) >= 100_000_000:
        return f"{(value / 100_000_000).quantize(Decimal('0.01')).normalize():f}亿"
    wan = (value / 10_000).quantize(Decimal("0.01")).normalize()
    return f"{wan:,f}万"


def _half_step(written: str) -> Decimal:
    """Half a unit of the last digit written: 24 % stands for 23.5–24.5 %, 20.7 % for 20.65–20.75 %."""
    decimals = len(written.split(".")[1]) if "." in written else 0
    return Decimal(5) / Decimal(10) ** (decimals + 1)

"""A review's own words against its figures: a year-over-year change, an attainment
or a total written in the summary or a cause that the computed figures contradict
("同比增长 24%" where the year to date is +20.7 %) is a warning (spec 10).

Only figures that name their metric are judged: the number must follow the
metric's label in the same sentence (销售额 9015 万，同比增长 24%).  A sentence
without a label, or a figure the review has no data for, is left alone: these
warnings must be right when they speak, not speak often.  Pure and free of
pandas: `planbook check` runs it on the figures the report shows.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from generator.compute.rolled import YearFigures, year_figures
from generator.model.catalog import METRICS, metric_for
from generator.model.documents import Review
from generator.model.workspace import Document, Workspace
from generator.problems import Problem

# Words operators write for a metric, beyond the catalog's labels (销售额 GMV → 销售额, GMV).
_ALIASES = {"成交额": "gmv", "成交金额": "gmv", "营业额": "gmv", "销量": "orders", "订单": "orders",
            "访客": "visitors", "流量": "visitors", "新客": "new_customers", "会员": "members"}
_DOWN = ("下降", "下滑", "减少", "降低", "回落")
_NUMBER = r"([+\-−]?\d+(?:\.\d+)?)"
_YOY = re.compile(r"同比(增长|提升|上升|上涨|增加|下降|下滑|减少|降低|回落)?了?\s*" + _NUMBER + r"\s*[%％]")
_ATTAINMENT = re.compile(r"(?:达成率|完成率|达成|完成)(?:了|为|是)?\s*" + _NUMBER + r"\s*[%％]")
# 销售额 9015 万, GMV 达 1.2亿: a metric's label, a few words, an amount in 万 or 亿
_AMOUNT = re.compile(r"\s*(?:达到|达|为|是|共|合计|累计|实现|完成)?\s*" + _NUMBER + r"\s*(万|亿)")
_SENTENCE = re.compile(r"[。；;！!？?\n]")


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
            continue  # most reviews: no figures in their words, nothing to compute
        figures = year_figures(workspace, review.unit, review.year)
        for where, text in texts:
            problems.extend(_claims(document, where, text, figures))
    return problems


def _claims(document: Document, where: tuple[object, ...], text: str, figures: YearFigures) -> Iterator[Problem]:
    labels = _labels(figures)
    year = str(figures.review.year if figures.review else "")
    for sentence in _SENTENCE.split(text):
        for kind, match in _matches(sentence):
            metric = _metric_before(sentence, match.start(), labels)
            computed = _computed(kind, metric, figures, year) if metric else None
            if computed is None:
                continue
            written = Decimal(match.group(2 if kind == "yoy" else 1).replace("−", "-"))
            if kind == "yoy" and match.group(1) in _DOWN:
                written = -abs(written)
            percent = computed * 100
            if abs(percent - written) > _half_step(match.group(2 if kind == "yoy" else 1)):
                sign = "+" if kind == "yoy" and percent > 0 else ""
                yield document.problem("narrative-mismatch", *where, claim=match.group(0).strip(), metric=metric,
                                       computed=f"{sign}{percent.quantize(Decimal('0.1'))}%")
        yield from _amount_claims(document, where, sentence, labels, figures, year)


def _amount_claims(document: Document, where: tuple[object, ...], sentence: str, labels: dict[str, str],
                   figures: YearFigures, year: str) -> Iterator[Problem]:
    """A money or count total right after its label (销售额 9015 万) against the actual."""
    seen: set[int] = set()
    for label, metric in labels.items():
        found = metric_for(metric, dict(figures.plan.metrics) if figures.plan else None)
        if found is None or not found.sums:
            continue
        for at in re.finditer(re.escape(label), sentence):
            match = _AMOUNT.match(sentence, at.end())
            actual = figures.actual_rolled.get((metric, "all"), {}).get(year)
            if match is None or match.end() in seen or actual is None:
                continue
            seen.add(match.end())
            scale = Decimal(10_000) if match.group(2) == "万" else Decimal(100_000_000)
            if abs(actual / scale - Decimal(match.group(1))) > _half_step(match.group(1)):
                shown = (actual / scale).quantize(Decimal("0.01")).normalize()
                yield document.problem("narrative-mismatch", *where, claim=sentence[at.start():match.end()].strip(),
                                       metric=metric, computed=f"{shown:f}{match.group(2)}")


def _matches(sentence: str) -> Iterator[tuple[str, re.Match[str]]]:
    for match in _YOY.finditer(sentence):
        yield "yoy", match
    for match in _ATTAINMENT.finditer(sentence):
        if not sentence[max(0, match.start() - 2):match.start()].endswith("同比"):
            yield "attainment", match


def _labels(figures: YearFigures) -> dict[str, str]:
    """Label → metric id, longest first so 销售额 is found before a shorter word inside it."""
    declared = dict(figures.plan.metrics) if figures.plan else {}
    found: dict[str, str] = dict(_ALIASES)
    for metric in [*METRICS.values(), *(m for k in declared if (m := metric_for(k, declared)))]:
        for label in (metric.zh, *metric.zh.split(" ")):
            if label:
                found.setdefault(label, metric.id)
    return dict(sorted(found.items(), key=lambda item: -len(item[0])))


def _metric_before(sentence: str, end: int, labels: dict[str, str]) -> str | None:
    """The metric whose label is written last before `end` in the sentence."""
    best: tuple[int, str] | None = None
    head = sentence[:end]
    for label, metric in labels.items():
        at = head.rfind(label)
        if at >= 0 and (best is None or at > best[0]):
            best = (at, metric)
    return best[1] if best else None


def _computed(kind: str, metric: str, figures: YearFigures, year: str) -> Decimal | None:
    actual = figures.actual_rolled.get((metric, "all"), {}).get(year)
    if actual is None:
        return None
    if kind == "yoy":
        base = figures.baseline_rolled.get((metric, "all"), {}).get(year)
        return actual / base - 1 if base else None
    target = figures.ytd_targets.get((metric, "all"), {}).get(year)
    if not target or not actual:
        return None
    found = metric_for(metric, dict(figures.plan.metrics) if figures.plan else None)
    return target / actual if found is not None and found.lower_is_better else actual / target


def _half_step(written: str) -> Decimal:
    """Half a unit of the last digit written: 24 % stands for 23.5–24.5 %, 20.7 % for 20.65–20.75 %."""
    decimals = len(written.split(".")[1]) if "." in written else 0
    return Decimal(5) / Decimal(10) ** (decimals + 1)

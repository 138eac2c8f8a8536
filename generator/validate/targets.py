"""Rules for `targets:` (spec 3.1, 3.2): metrics, forms, sums, shares, phasing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

from generator.load.quantities import Quantity
from generator.model.amounts import entry_total, spread_total, written_sum
from generator.model.fields import QUARTER_MONTHS
from generator.model.catalog import DERIVED, METRICS
from generator.model.documents import Plan, SpreadTarget, Target
from generator.model.errors import suggest
from generator.model.fields import month_values
from generator.model.workspace import Document, Workspace
from generator.problems import Problem
from generator.validate.common import (
    SHARE_TOLERANCE,
    close,
    declared_list,
    known_metrics,
    metric_of,
    number,
    percent,
    plans,
    spread_values,
    total,
    value_problem,
)

PHASING_WORDS = ("even", "days", "last_year")


def unknown_metrics(workspace: Workspace) -> Iterator[Problem]:
    """Every target names a built-in or declared metric."""
    for doc, plan in plans(workspace):
        for metric in plan.targets:
            if metric_of(plan, metric) is None:
                known = known_metrics(plan)
                yield doc.problem("unknown-metric", "targets", metric, key=True,
                                  metric=metric, suggestion=suggest(metric, known))


def value_forms(workspace: Workspace) -> Iterator[Problem]:
    """Sum metrics take amounts, rates take levels (35% or 0.35), 元/单 nowhere."""
    for doc, plan in plans(workspace):
        for metric_id, target in plan.targets.items():
            metric = metric_of(plan, metric_id)
            if metric is None:
                continue
            for path, quantity, is_channel in _target_values(target):
                where = ("targets", metric_id, *path)
                if (problem := value_problem(doc, where, metric, quantity, is_channel)) is not None:
                    yield problem


def _target_values(target: Target) -> Iterator[tuple[tuple[Any, ...], Quantity, bool]]:
    """(path inside the target, value, may be a share of the total) for every written value."""
    yield from spread_values(target, ())
    for channel, entry in (target.channels or {}).items():
        if isinstance(entry, Quantity):
            yield ("channels", channel), entry, True
        else:
            yield from spread_values(entry, ("channels", channel))


def channels_declared(workspace: Workspace) -> Iterator[Problem]:
    """Channel ids in targets are declared under `channels:`."""
    for doc, plan in plans(workspace):
        for metric_id, target in plan.targets.items():
            for channel in target.channels or {}:
                if channel not in plan.channels:
                    yield doc.problem("unknown-channel", "targets", metric_id, "channels", channel,
                                      key=True, channel=channel, declared=declared_list(plan.channels))


def month_lists(workspace: Workspace) -> Iterator[Problem]:
    """`months` has 12 values (keys 1..12), `quarters` 4, weights 12."""
    for doc, plan in plans(workspace):
        if plan.phasing is not None:
            yield from _weights_problems(doc, ("phasing",), plan.phasing)
        for name, weights in plan.profiles.items():
            yield from _weights_problems(doc, ("profiles", name), weights)
        for metric_id, target in plan.targets.items():
            for prefix, spread in _spreads(target):
                yield from spread_shape(doc, ("targets", metric_id, *prefix), spread, plan)
        if plan.budget is not None:
            yield from spread_shape(doc, ("budget",), plan.budget, plan)


def _spreads(target: Target) -> Iterator[tuple[tuple[Any, ...], SpreadTarget]]:
    yield (), target
    for channel, entry in (target.channels or {}).items():
        if isinstance(entry, SpreadTarget):
            yield ("channels", channel), entry


def spread_shape(doc: Document, where: tuple[Any, ...], spread: Any, plan: Plan) -> Iterator[Problem]:
    """The shape of months, quarters and phasing of one target (or the budget)."""
    months = spread.months
    if isinstance(months, list) and (len(months) != 12 or None in months):
        # `~` (an empty cell from a workbook) is no month: the written ones are counted
        yield doc.problem("months-count", *where, "months", count=sum(m is not None for m in months))
    if isinstance(months, dict):
        for key in months:
            if not 1 <= key <= 12:
                yield doc.problem("month-key", *where, "months", key, key=True, month=key)
        if len(months) != 12 and all(1 <= k <= 12 for k in months):
            yield doc.problem("months-count", *where, "months", count=len(months))
    if spread.quarters is not None and len(spread.quarters) != 4:
        yield doc.problem("quarters-count", *where, "quarters", count=len(spread.quarters))
    phasing = spread.phasing
    if isinstance(phasing, list):
        yield from _weights_problems(doc, (*where, "phasing"), phasing)
    elif isinstance(phasing, str) and phasing not in PHASING_WORDS and phasing not in plan.profiles:
        yield doc.problem("unknown-profile", *where, "phasing", name=phasing)


def _weights_problems(doc: Document, where: tuple[Any, ...], weights: list[Quantity]) -> Iterator[Problem]:
    if doc.left_out_under(*where):
        return  # a weight that is not a number is reported; eleven weights are no news
    values = [w.value for w in weights]
    if len(values) != 12 or any(v < 0 for v in values) or not any(values):
        # at the first negative weight where there is one (the caret on what to fix), else the list
        negative = next((i for i, v in enumerate(values) if v < 0), None)
        yield doc.problem("phasing-invalid", *where, *(() if negative is None else (negative,)))


def _sum_spreads(workspace: Workspace) -> Iterator[tuple[Document, str, tuple[Any, ...], SpreadTarget]]:
    """(document, metric, path inside the target, spread) of every sum metric's target
    and of its channels written as targets of their own."""
    for doc, plan in plans(workspace):
        for metric_id, target in plan.targets.items():
            metric = metric_of(plan, metric_id)
            if metric is None or not metric.sums:
                continue
            for prefix, spread in _spreads(target):
                yield doc, metric_id, prefix, spread


def month_sums(workspace: Workspace) -> Iterator[Problem]:
    """Months and quarters of a sum metric add up to its total (0.5 %)."""
    for doc, metric_id, prefix, spread in _sum_spreads(workspace):
        yield from sum_problems(doc, ("targets", metric_id, *prefix), spread, metric_id)


def sum_problems(doc: Document, where: tuple[Any, ...], spread: Any, label: str) -> Iterator[Problem]:
    """Months and quarters of one spread add up to its total (shared with the budget).

    Written as shares (20%), they add up to 100 % and need a total.  Not judged where
    a value of the spread was left out: its own error is reported, and the rest (a
    list one month shorter) would add up to something nobody wrote."""
    if doc.left_out_under(*where):
        return
    months = list(month_values(spread.months).values())
    for name, values, count, code in (("months", months, 12, "months-sum"),
                                      ("quarters", spread.quarters or [], 4, "quarters-sum")):
        if len(values) != count:
            continue
        shares = [q for q in values if q.is_percent]
        if shares and len(shares) != count:
            yield doc.problem("channel-mixed", *where, name, metric=label)
        elif shares:
            exact_sum = sum((q.exact for q in shares), Decimal(0))
            if abs(total(shares) - 1) > SHARE_TOLERANCE + 1e-12:
                yield doc.problem("share-sum", *where, name, metric=label, total=percent(total(shares)))
            elif exact_sum != 1:
                # within ±0.1 pp: the shares are applied as written and the rest of the
                # total is the year's, in no month (compute.targets.shares_of)
                yield doc.problem("period-share-remainder", *where, name, metric=label, form_en=name,
                                  form_zh="月度" if name == "months" else "季度", total=_pp(exact_sum),
                                  remainder=_pp(1 - exact_sum))
            if spread.total is None:
                yield doc.problem("missing-key", *where, name="total")
        elif spread.total is not None and not spread.total.is_percent:
            if not close(total(values), spread.total.value):
                written: dict[str, Any] = {name: number(total(values))}
                yield doc.problem(code, *where, name, metric=label, total=number(spread.total.value), **written)
            elif written_sum(values) != spread.total.exact:
                # Within the 0.5 % of spec 3.2, but not equal: the months are what is
                # spread, so say that the written total is not the one used (spec 10).
                yield doc.problem("conflicting-forms", *where, name, severity="warning", metric=label,
                                  first=name, first_zh="月度" if name == "months" else "季度",
                                  first_sum=number(written_sum(values)), second="total", second_zh="全年值",
                                  second_sum=number(spread.total.exact))


def channel_split(workspace: Workspace) -> Iterator[Problem]:
    """Channel shares add up to 100 % (± 0.1 pp); amounts to the total (0.5 %)."""
    for doc, plan in plans(workspace):
        for metric_id, target in plan.targets.items():
            metric = metric_of(plan, metric_id)
            if metric is None or not metric.sums or not target.channels or doc.left_out_under("targets", metric_id):
                continue  # a value left out (reported) would make the rest look wrong
            where = ("targets", metric_id, "channels")
            entries = target.channels
            shares = [e for e in entries.values() if isinstance(e, Quantity) and e.is_percent]
            if shares and len(shares) != len(entries):
                yield doc.problem("channel-mixed", *where, metric=metric_id)
                continue
            if shares:
                share_sum = sum(s.value for s in shares)
                exact_sum = sum((s.exact for s in shares), Decimal(0))
                if abs(share_sum - 1) > SHARE_TOLERANCE + 1e-12:
                    yield doc.problem("share-sum", *where, metric=metric_id, total=percent(share_sum))
                elif exact_sum != 1:
                    yield doc.problem("share-remainder", *where, metric=metric_id, total=_pp(exact_sum),
                                      remainder=_pp(1 - exact_sum))
                if target_total(target) is None and target.total is None:  # a 13% total has its own problem
                    yield doc.problem("missing-key", "targets", metric_id, name="total")
                continue
            amounts = [entry_total(e) for e in entries.values()]
            written = target_total(target)
            if written is not None and None not in amounts:
                channel_sum = sum((a for a in amounts if a is not None), Decimal(0))
                if not close(channel_sum, written):
                    yield doc.problem("channel-sum", *where, metric=metric_id,
                                      channels=number(channel_sum), total=number(written))
                elif channel_sum > written:  # 未分配 below zero: say it as what it is
                    yield doc.problem("channel-over-total", *where, metric=metric_id, channels=number(channel_sum),
                                      total=number(written), over=number(channel_sum - written))
                elif channel_sum != written:
                    yield doc.problem("channel-remainder", *where, metric=metric_id, channels=number(channel_sum),
                                      total=number(written), remainder=number(written - channel_sum))


def _pp(share: Decimal) -> str:
    """A share as written in percent, exactly (59.95%, 0.05%, -0.05%)."""
    return f"{(share * 100).normalize():f}%"


def target_total(spread: SpreadTarget) -> Decimal | None:
    """The target's total, as `model.amounts` defines it for validation and computation alike."""
    return spread_total(spread)


def months_and_quarters(workspace: Workspace) -> Iterator[Problem]:
    """Months and quarters written for the same target agree (`conflicting-forms`):
    the months are what is spread, so quarters that say otherwise would be dropped."""
    for doc, metric_id, prefix, spread in _sum_spreads(workspace):
        found = _quarter_conflict(spread)
        if found is not None:
            first_sum, second_sum, severity = found
            yield doc.problem("conflicting-forms", "targets", metric_id, *prefix, "quarters",
                              severity=severity, metric=metric_id, first="months", first_zh="月度",
                              second="quarters", second_zh="季度", first_sum=first_sum, second_sum=second_sum)


def _quarter_conflict(spread: SpreadTarget) -> tuple[str, str, str] | None:
    """The months' and the quarters' figures, as shown, where some quarter differs:
    an error beyond the 0.5 % tolerance, a warning within it (the months are
    what is spread; the quarters as written are not the figures used)."""
    months = month_values(spread.months)
    quarters = spread.quarters or []
    if len(months) != 12 or len(quarters) != 4:
        return None
    month_shares = all(q.is_percent for q in months.values())
    quarter_shares = all(q.is_percent for q in quarters)
    if month_shares != quarter_shares and spread.total is None:
        return None  # one side in shares, the other in amounts, and no total to compare by
    base = spread.total.exact if spread.total is not None and not spread.total.is_percent else None

    def amount(q: Quantity) -> Decimal:
        return q.exact * base if q.is_percent and base is not None and month_shares != quarter_shares else q.exact

    from_months = [sum((amount(months[m]) for m in members), Decimal(0)) for members in QUARTER_MONTHS.values()]
    written = [amount(q) for q in quarters]
    if from_months == written:
        return None
    severity = "warning" if all(close(float(a), float(b)) for a, b in zip(from_months, written)) else "error"
    show = percent if month_shares and quarter_shares else number
    return (" / ".join(show(float(v)) for v in from_months), " / ".join(show(float(v)) for v in written),
            severity)


def last_year_available(workspace: Workspace) -> Iterator[Problem]:
    """`phasing: last_year` needs the baseline review with monthly actuals of the metric."""
    from generator.validate.review import actual_months, monthly_actual_metrics

    for doc, plan in plans(workspace):
        baseline = workspace.review(plan.unit, plan.baseline_year)
        available = monthly_actual_metrics(workspace, baseline) if baseline else set()
        for metric_id, target in plan.targets.items():
            for prefix, spread in _spreads(target):
                if spread.phasing != "last_year":
                    continue
                where = ("targets", metric_id, *prefix, "phasing")
                if metric_id not in available or baseline is None:
                    yield doc.problem("last-year-missing", *where, year=plan.baseline_year, metric=metric_id)
                    continue
                # A year-to-date review has no shape for the months after its as_of: they
                # would get no target at all (November and December at 0).
                missing = sorted(set(range(1, 13)) - actual_months(workspace, baseline, metric_id))
                if missing:
                    yield doc.problem("last-year-incomplete", *where, year=plan.baseline_year, metric=metric_id,
                                      months=", ".join(f"{m}" for m in missing))


def driver_identity(workspace: Workspace) -> Iterator[Problem]:
    """GMV = visitors × conversion rate × AOV, within 2 %, when all four are written."""
    for doc, plan in plans(workspace):
        parts = {m: plan.targets.get(m) for m in ("gmv", "visitors", "conversion_rate", "aov")}
        if any(t is None for t in parts.values()):
            continue
        gmv, visitors = target_total(parts["gmv"]), target_total(parts["visitors"])  # type: ignore[arg-type]
        rate, aov = parts["conversion_rate"].total, parts["aov"].total  # type: ignore[union-attr]
        if None in (gmv, visitors, rate, aov):
            continue
        assert gmv is not None and visitors is not None and rate is not None and aov is not None
        product = float(visitors) * rate.value * aov.value
        if not close(product, gmv, 0.02):
            gap = abs(product - float(gmv)) / max(abs(float(gmv)), 1e-9)
            yield doc.problem("driver-identity", "targets", "gmv", key=True, gmv=number(gmv),
                              visitors=number(visitors), conversion=percent(rate.value),
                              aov=number(aov.value), product=number(round(product)), gap=percent(gap))


def orders_identity(workspace: Workspace) -> Iterator[Problem]:
    """GMV = orders × AOV, within 1 %, when the three are written: raising GMV without
    orders or AOV (or the other way round) leaves a plan that contradicts itself."""
    for doc, plan in plans(workspace):
        gmv_target, orders_target, aov_target = (plan.targets.get(m) for m in ("gmv", "orders", "aov"))
        if gmv_target is None or orders_target is None or aov_target is None:
            continue
        gmv, orders, aov = target_total(gmv_target), target_total(orders_target), aov_target.total
        if gmv is None or orders is None or aov is None:
            continue
        product = Decimal(str(orders)) * aov.exact
        if not gmv or abs(product - Decimal(str(gmv))) <= abs(Decimal(str(gmv))) / 100:
            continue
        gap = abs(product - Decimal(str(gmv))) / abs(Decimal(str(gmv)))
        yield doc.problem("orders-aov-identity", "targets", "gmv", key=True, gmv=number(gmv), orders=number(orders),
                          aov=number(aov.value), product=number(float(product)), gap=percent(float(gap)))


def channel_rates_and_all(workspace: Workspace) -> Iterator[Problem]:
    """Conversion rate and AOV written for `all` and for every channel: the visitors the
    channels' own rates give (Σ GMV_c ÷ (rate_c × AOV_c), what the report derives and
    adds up to `all`) against those of `all`'s rates (GMV ÷ (rate × AOV)), within 2 %
    like the driver identity: beyond it `all`'s written rates and its derived
    visitors contradict each other, and the page would show both without a word."""
    for doc, plan in plans(workspace):
        gmv, rate, aov = (plan.targets.get(m) for m in ("gmv", "conversion_rate", "aov"))
        if gmv is None or rate is None or aov is None or not gmv.channels or rate.total is None or aov.total is None:
            continue
        gmv_total = target_total(gmv)
        channels = list(gmv.channels)
        if gmv_total is None or not rate.total.exact or not aov.total.exact:
            continue
        via_channels = Decimal(0)
        for channel in channels:
            entry = gmv.channels[channel]
            part = entry_total(entry)
            if part is None and isinstance(entry, Quantity) and entry.is_percent:
                part = entry.exact * gmv_total
            own_rate, own_aov = _channel_level(rate, channel), _channel_level(aov, channel)
            if part is None or own_rate is None or own_aov is None or not own_rate or not own_aov:
                break
            via_channels += part / (own_rate * own_aov)
        else:
            via_all = gmv_total / (rate.total.exact * aov.total.exact)
            if not close(float(via_channels), float(via_all), 0.02):
                yield doc.problem("channel-rates-vs-all", "targets", "conversion_rate", key=True,
                                  channels=number(round(via_channels)), total=number(round(via_all)),
                                  rate=percent(rate.total.value), aov=number(aov.total.value))


def _channel_level(target: Any, channel: str) -> Decimal | None:
    """A rate's level written for one channel (a number, or a `total:`)."""
    entry = (target.channels or {}).get(channel)
    if isinstance(entry, Quantity):
        return entry.exact
    total_of = getattr(entry, "total", None)
    return total_of.exact if isinstance(total_of, Quantity) else None


def rates_from_parts(workspace: Workspace) -> Iterator[Problem]:
    """A written conversion rate or ROI whose parts are written too (orders and
    visitors; GMV and ad spend) must agree with them within 2 %: the report computes
    the rate from its parts, so a written rate that says otherwise would be dropped
    without a word.  (AOV against GMV and orders is `orders-aov-identity`.)"""
    for doc, plan in plans(workspace):
        for derived, (numerator, denominator) in DERIVED.items():
            if derived == "aov" or derived not in plan.targets:
                continue
            written_rate = plan.targets[derived].total
            top, bottom = plan.targets.get(numerator), plan.targets.get(denominator)
            if written_rate is None or top is None or bottom is None:
                continue
            top_total, bottom_total = target_total(top), target_total(bottom)
            if top_total is None or not bottom_total:
                continue
            ratio = top_total / bottom_total
            if close(float(ratio), written_rate.value, 0.02):
                continue
            show = percent if derived == "conversion_rate" else (lambda v: f"{v:.2f}")
            yield doc.problem("rate-from-parts", "targets", derived, key=True, metric=derived,
                              written=show(written_rate.value), numerator=numerator, denominator=denominator,
                              ratio=show(float(ratio)))


RULES = [
    unknown_metrics,
    value_forms,
    channels_declared,
    month_lists,
    month_sums,
    months_and_quarters,
    channel_split,
    last_year_available,
    driver_identity,
    orders_identity,
    rates_from_parts,
    channel_rates_and_all,
]

__all__ = ["RULES", "METRICS", "target_total", "spread_shape", "sum_problems"]

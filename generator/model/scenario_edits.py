"""A scenario's overlay made from edits rather than written by hand: `whatif`'s
`--set PATH=VALUE` changes, and the difference between a plan and the same plan
edited in its workbook (a scenario's workbook read back)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator.load.overlay import Overlay
from generator.load.quantities import QuantityError, parse_quantity
from generator.load.yamltree import SourceMap
from generator.model.documents import CampaignDocument, Plan
from generator.model.drivers import DRIVER_METRICS, SIGNED_PERCENT, signed_factor
from generator.model.scenarios import FIXED_KEYS, ITEM_IDS, dotted_path
from generator.model.workspace import Document, Workspace


def overlay_from_sets(workspace: Workspace, plan_doc: Document, sets: list[str]) -> Overlay:
    """`--set` changes as a scenario of `plan_doc` (raises CommandError on a bad one).

    PATH is a channel and driver (`tmall.conversion_rate`, `all.aov`, or a driver
    alone for every channel), a target (`gmv.total`, the metric's id first), or a
    key of the plan as written (`budget.tools.tb_keyword.share`,
    `campaigns.double11.goals.gmv`; `campaigns.ID.METRIC_goal` is `goals.METRIC`).
    A driver path may end in `@FROM` or `@FROM..TO` (2026-10, Q4).  VALUE is the new
    value, or `+10%` / `-10%` of the plan's."""
    from generator.problems import CommandError

    plan = plan_doc.model
    assert isinstance(plan, Plan) and isinstance(plan_doc.data, dict)
    campaign_docs = {str(d.model.id): d.data for d in workspace.campaign_documents(*plan_doc.key)
                     if isinstance(d.model, CampaignDocument) and isinstance(d.data, dict)}
    data: dict[str, Any] = {}
    for text in sets:
        path_text, equals, value = text.partition("=")
        if not equals or not path_text.strip() or not value.strip():
            raise CommandError("whatif-bad-set", text=text)
        path_text, _at, period = path_text.strip().partition("@")
        parts = [p for p in path_text.split(".")]
        value = value.strip()
        channel, metric = None, ""
        if len(parts) == 1 and parts[0] in DRIVER_METRICS:
            channel, metric = "all", parts[0]  # a driver alone: every channel
        elif parts[0] in ("all", *plan.channels):
            channel, metric = parts[0], ".".join(parts[1:])
        if channel is not None:
            if metric not in DRIVER_METRICS:
                raise CommandError("whatif-unknown-path", at=path_text, part=metric or channel,
                                   existing=", ".join(DRIVER_METRICS))
            change: dict[str, Any] = {metric: value}
            if period:
                first, _dots, last = period.partition("..")
                change["from"] = first
                if last:
                    change["to"] = last
            data.setdefault("drivers", {}).setdefault(channel, []).append(change)
            continue
        if period:
            raise CommandError("whatif-bad-set", text=text)
        if parts[0] in plan_doc.data.get("targets", {}) and parts[0] != "targets":
            parts = ["targets", *parts]
        if len(parts) == 3 and parts[0] == "campaigns" and parts[2].endswith("_goal"):
            parts = [*parts[:2], "goals", parts[2][: -len("_goal")]]  # double11.gmv_goal: goals.gmv
        if parts[0] not in plan_doc.data:
            # the first part names nothing: list every kind of start a path may have
            starts = ["all", *plan.channels, *DRIVER_METRICS, *plan_doc.data.get("targets", {}),
                      *(k for k in plan_doc.data if k not in FIXED_KEYS)]
            raise CommandError("whatif-unknown-path", at=path_text, part=parts[0],
                               existing=", ".join(dict.fromkeys(starts)))
        base = _walk(plan_doc.data, campaign_docs, parts, path_text)
        if isinstance(base, dict) and "total" in base and SIGNED_PERCENT.match(value):
            parts, base = [*parts, "total"], base["total"]  # `gmv=+10%`: the target's total
        if _place_taken(data, parts):
            raise CommandError("whatif-duplicate-set", at=path_text)
        _place(data, parts, _new_value(base, value, path_text, _is_count(plan, parts)))
    source = SourceMap("--set")
    file = plan_doc.file.parent / "scenarios" / "--set.yaml"
    return Overlay("--set", file, "whatif", data, source)


def _walk(plan_data: dict[str, Any], campaign_docs: dict[str, Any], parts: list[str], shown: str) -> Any:
    """The plan's value at `parts` (CommandError naming the first part that is not there)."""
    from generator.problems import CommandError

    here: Any = plan_data
    for index, part in enumerate(parts):
        if index == 1 and parts[0] in ITEM_IDS and isinstance(here, list):
            id_key = ITEM_IDS[parts[0]]
            items = {str(i.get(id_key)): i for i in here if isinstance(i, dict)}
            if parts[0] == "campaigns":
                items.update(campaign_docs)
            if part not in items:
                raise CommandError("whatif-unknown-path", at=shown, part=part, existing=", ".join(items) or "—")
            here = items[part]
            continue
        if not isinstance(here, dict) or part not in here:
            existing = ", ".join(str(k) for k in here) if isinstance(here, dict) else "—"
            raise CommandError("whatif-unknown-path", at=shown, part=part, existing=existing)
        here = here[part]
    return here


def _place_taken(data: dict[str, Any], parts: list[str]) -> bool:
    here: Any = data
    for part in parts:
        if not isinstance(here, dict) or part not in here:
            return False
        here = here[part]
    return True


def _is_count(plan: Plan, parts: list[str]) -> bool:
    """Whether the value at `parts` counts things (orders, units): whole numbers only."""
    from generator.model.catalog import metric_for

    metric = parts[1] if parts[0] == "targets" and len(parts) > 1 else \
        parts[3] if parts[0] == "campaigns" and len(parts) > 3 and parts[2] == "goals" else None
    if metric is not None:
        found = metric_for(metric, dict(plan.metrics))
        return found is not None and found.unit == "count"
    return parts[0] == "products" and parts[-1] == "units"


def _place(data: dict[str, Any], parts: list[str], value: Any) -> None:
    here = data
    for part in parts[:-1]:
        here = here.setdefault(part, {})
    here[parts[-1]] = value


def _new_value(base: Any, value: str, shown: str, whole: bool = False) -> Any:
    """VALUE as the overlay writes it: `+10%` of the plan's number in the plan's own form
    (35% stays a percentage, 6元/单 per order), else the value itself (read as YAML would
    read it: `2500万` text, `[1, 2]` a list).  Exact: only a count (`whole`) is rounded,
    half up, to a whole number; money to the fen."""
    import yaml

    from generator.problems import CommandError

    found = SIGNED_PERCENT.match(value)
    if found is None:
        try:
            return yaml.safe_load(value)
        except yaml.YAMLError:
            return value
    try:
        quantity = parse_quantity(base)
    except QuantityError:
        raise CommandError("whatif-not-a-number", at=shown, text=value, found=str(base)[:60]) from None
    new = quantity.exact * signed_factor(found)
    if quantity.is_percent:
        return f"{_plain(new * 100)}%"
    if whole:
        new = new.quantize(Decimal(1), rounding="ROUND_HALF_UP")
    elif new != new.quantize(Decimal("0.01")) and abs(new) >= 1:
        new = new.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")  # money to the fen
    if quantity.is_per_order:
        return f"{_plain(new)}元/单"
    return _plain(new)


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def overlay_between(base: Any, new: Any, path: tuple[Any, ...] = ()) -> tuple[Any, list[str]]:
    """What `new` changes in `base`, as an overlay: mappings key by key, lists of items
    with ids (campaigns, products) by id, other lists and scalars whole.  The second
    value lists the paths `new` leaves out: an overlay cannot remove what the plan has."""
    if isinstance(base, dict) and isinstance(new, dict):
        out: dict[Any, Any] = {}
        removed = [dotted_path(path + (k,)) for k in base if k not in new]
        for key, value in new.items():
            if key not in base:
                out[key] = value  # the check that follows reports it at its line
                continue
            if base[key] == value:
                continue
            part, gone = overlay_between(base[key], value, path + (key,))
            out[key] = part
            removed += gone
        return out, removed
    id_key = ITEM_IDS.get(path[-1]) if path and len(path) == 1 else None
    if id_key and isinstance(base, list) and isinstance(new, list):
        old_items = {str(i.get(id_key)): i for i in base if isinstance(i, dict)}
        changed: dict[str, Any] = {}
        removed = [dotted_path(path + (k,)) for k in old_items
                   if k not in {str(i.get(id_key)) for i in new if isinstance(i, dict)}]
        for item in new:
            if not isinstance(item, dict):
                continue
            item_id = str(item.get(id_key))
            if item_id not in old_items:
                changed[item_id] = item
            elif old_items[item_id] != item:
                part, gone = overlay_between(old_items[item_id], item, path + (item_id,))
                changed[item_id] = part
                removed += gone
        return changed, removed
    return new, []

"""Lay a document read back from the workbook over its YAML file as written.

The file is loaded as a round-trip document (ruamel.yaml, as `planbook new`
does) and only what differs is changed: a value that means the same as the
one written (`1.2亿` and 120000000, `55%` and 0.55, `2026-05-25` as a date or as
text) is left as written; a changed amount is written in the form the old one
had (`300万` → `320万`); list entries are matched by their key (`id`, `sku`, a
task's `name`), never by position.  Nothing changed, nothing written: a
workbook exported and imported with no edit leaves every file byte for byte.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.load.quantities import QuantityError, parse_quantity
from generator.load.roundtrip import dumped, roundtrip_yaml

HEADER = ("kind", "year", "unit")  # a file's header is the file's own, never the workbook's
LIST_KEYS = ("id", "sku", "name")


Owned = Callable[[tuple[str, ...], str], bool]  # (path with `*` for entries, key) → the workbook holds it


def merged_text(original: str | None, data: dict[str, Any], owned: Owned = lambda _path, _key: True) -> str:
    """The file's new text: `original` with `data` laid over it (or `data` as a new file).
    A key missing from `data` is deleted only where `owned` says the workbook holds that
    key (a campaign's `review:` or a competitor's `note:` has no column: it stays)."""
    # lists under a key indented like the demo's (`tasks:\n  - {…}`) where the file does not say
    yaml = roundtrip_yaml(original or "", sequence=4, offset=2)
    document = yaml.load(original) if original is not None else None
    if not isinstance(document, CommentedMap):
        # a new file, laid out as the demo's are: a section of a few values on one line,
        # lists of entries one entry a line
        return dumped(yaml, CommentedMap((k, _new(v, flow=isinstance(v, dict) and _leaves(v) <= 6))
                                        for k, v in data.items()))
    if not _Merge(owned).map(document, data, ()):
        return str(original)
    return dumped(yaml, document)


class _Merge:
    def __init__(self, owned: Owned) -> None:
        self.owned = owned

    def map(self, node: CommentedMap, data: dict[Any, Any], path: tuple[str, ...]) -> bool:
        changed = False
        for key in [k for k in node if k not in data and self.owned(path, str(k))]:
            if not path and key in HEADER:
                continue
            del node[key]
            changed = True
        flow = _flow_children(node)
        for key, value in data.items():
            if not path and key in HEADER and key in node:
                continue
            if key not in node:
                node.insert(_place(node, data, key), key, _new(value, flow=flow))
                changed = True
                continue
            merged, did = self.value(node[key], value, (*path, str(key)), flow)
            if did:
                node[key] = merged
                changed = True
        return changed

    def value(self, old: Any, new: Any, path: tuple[str, ...], flow: bool = False) -> tuple[Any, bool]:
        """The value to keep (old where it means the same) and whether it changed."""
        if isinstance(old, CommentedMap) and isinstance(new, dict):
            return old, self.map(old, new, path)
        if isinstance(old, CommentedMap) and isinstance(new, list) and _is_month_map(old, new):
            # months written as a mapping 1..12 stay a mapping
            return old, self.map(old, {m: v for m, v in enumerate(new, start=1) if v is not None}, path)
        if isinstance(old, CommentedSeq) and isinstance(new, list):
            return old, self.seq(old, new, path)
        if isinstance(old, CommentedSeq) and not isinstance(new, (list, dict)) and len(old) == 1:
            merged, did = self.value(old[0], new, (*path, "*"))  # one line of a list cell: still a list
            if did:
                old[0] = merged
            return old, did
        if isinstance(new, list) and len(new) == 1 and not isinstance(old, (list, dict)):
            return self.value(old, new[0], path)  # a text written as one entry stays a text
        if isinstance(new, dict) and not isinstance(old, (dict, list)) and "total" in new and same(old, new["total"]):
            new = {**new, "total": old}  # a bare `5万` given a phasing keeps its written total
        if isinstance(old, (dict, list)) or isinstance(new, (dict, list)):
            return _new(new, flow=_is_flow(old) or flow), True
        if same(old, new):
            return old, False
        return like(old, new), True

    def seq(self, old: CommentedSeq, new: list[Any], path: tuple[str, ...]) -> bool:
        key = _list_key(old, new)
        entries = (*path, "*")
        if key is None and len(old) == len(new):
            changed = False
            for i, value in enumerate(new):
                merged, did = self.value(old[i], value, entries)
                if did:
                    old[i] = merged
                    changed = True
            return changed
        if key is None and all(isinstance(e, dict) for e in [*old, *new]) and old:
            # entries without an id (retention): matched by what they say; those gone are
            # deleted, those new appended, the rest left as written
            matched = [next((n for n in new if _same_entry(o, n)), None) for o in old]
            changed = False
            for index in reversed(range(len(old))):
                if matched[index] is None:
                    del old[index]
                    changed = True
            flow = all(_is_flow(e) for e in old) if old else True
            for item in new:
                if not any(m is item for m in matched):
                    old.append(_new(item, flow=flow))
                    changed = True
            return changed
        if key is None:
            flow = _is_flow(old)
            del old[:]
            old.extend(_new(v, flow=flow) for v in new)
            return True
        changed = False
        wanted = {str(item.get(key)): item for item in new}
        for index in reversed(range(len(old))):
            entry = old[index]
            if not isinstance(entry, CommentedMap) or str(entry.get(key)) not in wanted:
                del old[index]
                changed = True
        present = {str(entry.get(key)) for entry in old}
        for entry in old:
            _merged, did = self.value(entry, wanted[str(entry.get(key))], entries)
            changed = changed or did
        flow = bool(old) and all(_is_flow(e) for e in old)
        for name, item in wanted.items():
            if name not in present:
                old.append(_new(item, flow=flow))
                changed = True
        return changed


def _place(node: CommentedMap, data: dict[str, Any], key: Any) -> int:
    """Where a new key goes: after the keys that come before it in `data` (a new
    `currency:` beside `owner:`, not at the end of the file)."""
    order = list(data)
    before = set(order[:order.index(key)])
    index = 0
    for position, existing in enumerate(node):
        if existing in before:
            index = position + 1
    return index if before else len(node)


def _is_month_map(old: CommentedMap, new: list[Any]) -> bool:
    return len(new) == 12 and all(isinstance(k, int) and 1 <= k <= 12 for k in old)


def _same_entry(old: Any, new: dict[str, Any]) -> bool:
    if not isinstance(old, dict):
        return False
    keys = set(old) | set(new)
    return all(same(old.get(k), new.get(k)) if not isinstance(old.get(k), (list, dict)) else
               _plain_value(old.get(k)) == _plain_value(new.get(k)) for k in keys)


def _plain_value(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_value(v) for v in value]
    return _text(value) if value is not None else None


def _list_key(old: list[Any], new: list[Any]) -> str | None:
    entries = [*old, *new]
    if not entries or not all(isinstance(e, dict) for e in entries):
        return None
    for key in LIST_KEYS:
        if all(key in e for e in entries) and len({str(e[key]) for e in new}) == len(new):
            return key
    return None


def _leaves(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_leaves(v) for v in value.values())
    if isinstance(value, list):
        return sum(_leaves(v) for v in value)
    return 1


def _is_flow(node: Any) -> bool:
    """Whether a mapping or list is written on one line (`{a: 1}`, `[1, 2]`)."""
    return isinstance(node, (CommentedMap, CommentedSeq)) and bool(node.fa.flow_style())


def _flow_children(node: CommentedMap) -> bool:
    return bool(node) and all(_is_flow(v) for v in node.values() if isinstance(v, (CommentedMap, CommentedSeq)))


def _new(value: Any, flow: bool = False) -> Any:
    """A new value as the round-trip document writes it: mappings and lists of a flow
    neighbourhood in flow style, lists of scalars always on one line."""
    if isinstance(value, dict):
        out = CommentedMap((k, _new(v, flow=True)) for k, v in value.items())
        if flow:
            out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_new(v, flow=True) for v in value)
        if flow or all(not isinstance(v, (dict, list)) for v in value):
            seq.fa.set_flow_style()
        return seq
    return value


# --- scalars ----------------------------------------------------------------------------------

def same(old: Any, new: Any) -> bool:
    """Whether two written values mean the same thing."""
    if old is None or new is None:
        return old is None and new is None
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new or (isinstance(old, bool) and isinstance(new, bool) and old == new)
    if isinstance(old, dt.date) or isinstance(new, dt.date):
        return str(old) == str(new)
    a, b = _number(old), _number(new)
    if a is not None and b is not None:
        return a == b
    return _text(old) == _text(new)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Decimal(repr(value)).normalize()
    if isinstance(value, Decimal):
        return value.normalize()
    try:
        parsed = parse_quantity(str(value))
    except (QuantityError, InvalidOperation):
        return None
    if parsed.is_per_order:
        return None
    return parsed.exact.normalize()


def _text(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


_SUFFIXES = (("亿", Decimal(100_000_000)), ("万", Decimal(10_000)), ("w", Decimal(10_000)),
             ("W", Decimal(10_000)), ("k", Decimal(1000)), ("K", Decimal(1000)))


def like(old: Any, new: Any) -> Any:
    """`new` written in the form `old` had: 300万 → 320万, 55% stays a percentage."""
    number = _number(new)
    if number is None or isinstance(new, bool):
        return new
    new_is_share = isinstance(new, str) and new.strip().endswith("%")
    if isinstance(old, str):
        written = old.strip()
        if written.endswith("%") or new_is_share:
            # a share stays a share; an amount typed where a share was (or the other way) is
            # what was typed, never 300000000%
            return new
        yuan = "元" if written.endswith("元") else ""
        bare = written.removesuffix("元")
        for suffix, size in _SUFFIXES:
            if bare.endswith(suffix):
                scaled = number / size
                if scaled == scaled.quantize(Decimal("0.0001")):
                    return f"{_decimal_text(scaled)}{suffix}{yuan}"
        if yuan and number == number.quantize(Decimal("0.01")):
            return f"{_decimal_text(number)}元"
    if isinstance(new, str):
        return new
    return int(number) if number == number.to_integral_value() else float(number)


def _decimal_text(number: Decimal) -> str:
    text = f"{number.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text

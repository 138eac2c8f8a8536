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
import io
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.util import load_yaml_guess_indent

from generator.load.quantities import QuantityError, parse_quantity

HEADER = ("kind", "year", "unit")  # a file's header is the file's own, never the workbook's
LIST_KEYS = ("id", "sku", "name")


def merged_text(original: str | None, data: dict[str, Any]) -> str:
    """The file's new text: `original` with `data` laid over it (or `data` as a new file)."""
    yaml = _yaml(original or "")
    document = yaml.load(original) if original is not None else None
    if not isinstance(document, CommentedMap):
        # a new file, laid out as the demo's are: a section of a few values on one line,
        # lists of entries one entry a line
        return _dump(yaml, CommentedMap((k, _new(v, flow=isinstance(v, dict) and _leaves(v) <= 6))
                                        for k, v in data.items()))
    if not _merge_map(document, data, top=True):
        return str(original)
    return _dump(yaml, document)


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the operator wrote on one line
    sequence, offset = 4, 2
    if text:
        _data, sequence, offset = load_yaml_guess_indent(text)
    widths = [len(line) - len(line.lstrip(" ")) for line in text.splitlines()
              if line.startswith(" ") and not line.lstrip().startswith(("-", "#")) and ":" in line]
    yaml.indent(mapping=min((w for w in widths if w > 0), default=2), sequence=sequence or 4, offset=offset or 2)
    return yaml


def _dump(yaml: YAML, document: Any) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _merge_map(node: CommentedMap, data: dict[str, Any], top: bool = False) -> bool:
    changed = False
    for key in [k for k in node if k not in data and not (top and k in HEADER)]:
        del node[key]
        changed = True
    for key, value in data.items():
        if top and key in HEADER and key in node:
            continue
        if key not in node:
            node[key] = _new(value, flow=_flow_children(node))
            changed = True
            continue
        merged, did = _merge(node[key], value)
        if did:
            node[key] = merged
            changed = True
    return changed


def _merge(old: Any, new: Any) -> tuple[Any, bool]:
    """The value to keep (old where it means the same) and whether it changed."""
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        return old, _merge_map(old, new)
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        return old, _merge_seq(old, new)
    if isinstance(old, CommentedSeq) and not isinstance(new, (list, dict)) and len(old) == 1:
        merged, did = _merge(old[0], new)  # one line of a list cell: still the one-entry list
        if did:
            old[0] = merged
        return old, did
    if isinstance(new, list) and len(new) == 1 and not isinstance(old, (list, dict)):
        return _merge(old, new[0])  # a text written as one entry stays a text
    if isinstance(old, (dict, list)) or isinstance(new, (dict, list)):
        return _new(new, flow=getattr(getattr(old, "fa", None), "flow_style", lambda: False)()), True
    if same(old, new):
        return old, False
    return like(old, new), True


def _merge_seq(old: CommentedSeq, new: list[Any]) -> bool:
    key = _list_key(old, new)
    if key is None:
        if len(old) == len(new) and all(same(a, b) if not isinstance(a, (dict, list)) else False
                                        for a, b in zip(old, new)):
            return False
        if len(old) == len(new):
            changed = False
            for i, value in enumerate(new):
                merged, did = _merge(old[i], value)
                if did:
                    old[i] = merged
                    changed = True
            return changed
        flow = old.fa.flow_style()
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
        _merged, did = _merge(entry, wanted[str(entry.get(key))])
        changed = changed or did
    flow = bool(old) and all(isinstance(e, CommentedMap) and e.fa.flow_style() for e in old)
    for name, item in wanted.items():
        if name not in present:
            old.append(_new(item, flow=flow))
            changed = True
    return changed


def _list_key(old: list[Any], new: list[Any]) -> str | None:
    entries = [e for e in [*old, *new]]
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


def _flow_children(node: CommentedMap) -> bool:
    return bool(node) and all(getattr(getattr(v, "fa", None), "flow_style", lambda: False)()
                              for v in node.values() if isinstance(v, (CommentedMap, CommentedSeq)))


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
    if isinstance(old, str):
        written = old.strip()
        if written.endswith("%"):
            return new if isinstance(new, str) and new.strip().endswith("%") else f"{_plain(number * 100)}%"
        yuan = "元" if written.endswith("元") else ""
        bare = written.removesuffix("元")
        for suffix, size in _SUFFIXES:
            if bare.endswith(suffix):
                scaled = number / size
                if scaled == scaled.quantize(Decimal("0.0001")):
                    return f"{_plain(scaled)}{suffix}{yuan}"
        if yuan and number == number.quantize(Decimal("0.01")):
            return f"{_plain(number)}元"
    if isinstance(new, str):
        return new
    return int(number) if number == number.to_integral_value() else float(number)


def _plain(number: Decimal) -> str:
    text = f"{number.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text

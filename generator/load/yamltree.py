"""YAML text → plain Python data plus a source map of every key and value.

PyYAML's C composer gives nodes with marks; this module walks them itself
instead of using a constructor, so that it can

- reject duplicate keys (PyYAML silently keeps the last one),
- bound alias expansion ("billion laughs") and nesting depth,
- turn YAML 1.1 surprises into problems: `no`/`on` read as booleans,
  `1:30` read as the sexagesimal 90, `010` read as octal, unknown tags,
- keep the line and column of every key and value for the messages.

It knows nothing about plans.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml

from generator.problems import Problem, make

try:  # the C composer is ten times faster; fall back where libyaml is missing
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader

# The tag of a plain scalar depends only on its text and on whether it was
# quoted (the safe loader has no path resolvers), yet PyYAML's resolver tries
# its regular expressions in Python for every scalar the C composer makes: a
# third of the composer's time.  Plans repeat the same texts (channel ids, 35%,
# 300万) in every file and year, so the answer is remembered per process.
_RESOLVED_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}
_RESOLVED_TAGS_MAX = 200_000
_RESOLVED_TEXT_MAX = 64

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (_TAG + kind for kind in ("str", "int", "float", "bool", "null",
                                                                          "timestamp"))
# Longer digit strings stay text, which the quantity reader refuses as too large
# (Python refuses to read an int of more than 4,300 digits, an internal error before).
_INT_DIGITS_MAX = 100


class _Loader(_BaseLoader):  # type: ignore[misc]
    # The C composer calls these for every node, for path resolvers the safe loader
    # has none of: a builtin that takes the same arguments and does nothing costs
    # a tenth of the Python methods that return at once (a tenth of composing).
    descend_resolver = staticmethod(slice)  # (parent, index) → a slice, unused
    ascend_resolver = staticmethod(tuple)  # () → (), unused

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode:
            return str(super().resolve(kind, value, implicit))
        if implicit[0] and value.isdigit() and value.isascii() and (value[0] != "0" or len(value) == 1):
            # Plain digits (a month's 360583): YAML 1.1's int pattern, the only one
            # that matches them, said without trying float's and int's patterns first.
            return _INT
        key = (value, implicit)
        tag = _RESOLVED_TAGS.get(key)
        if tag is None:
            tag = str(super().resolve(kind, value, implicit))
            if len(value) <= _RESOLVED_TEXT_MAX and len(_RESOLVED_TAGS) < _RESOLVED_TAGS_MAX:
                _RESOLVED_TAGS[key] = tag
        return tag


MAX_FILE_BYTES = 5_000_000
MAX_DEPTH = 64
MAX_ALIAS_NODES = 10_000  # nodes an alias may pull in, summed over a document

Path = tuple[Any, ...]

_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)$")
# An unquoted year in full-width digits (year: ２０２６, typed with a Chinese input
# method) is the number, as spec 2 reads full-width digits in quantities; quoted, it
# stays text like any quoted number.  Only `year:`: a SKU ００１２３ keeps its zeros.
_FULL_WIDTH_INT = re.compile("[-+\uff0b\uff0d]?[\uff10-\uff19]+$")


def plain_string(node: yaml.ScalarNode) -> Any:
    text: str = node.value
    if not node.style and text and "\uff10" <= text[-1] <= "\uff19" and _FULL_WIDTH_INT.match(text):
        return int(unicodedata.normalize("NFKC", text))
    return nfc(text)
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


class SourceMap:
    """Where each path of the data was written: its value and its key.

    A document's tables are made when first asked for, by walking its YAML nodes
    again: a document without problems never asks, and making a path and two
    table entries for every node of every document was a tenth of `check`."""

    def __init__(self, path: str, values: dict[Path, yaml.Node] | None = None,
                 keys: dict[Path, yaml.Node] | None = None, raw_scalars: dict[Path, str] | None = None) -> None:
        self.path = path
        # The YAML nodes themselves: a Mark is made only for the few paths a problem needs.
        self._values: dict[Path, yaml.Node] = {} if values is None else values
        self._keys: dict[Path, yaml.Node] = {} if keys is None else keys
        # The text of scalars that YAML 1.1 read as something else (`no` → False).
        self.raw_scalars: dict[Path, str] = {} if raw_scalars is None else raw_scalars
        self._unwalked: yaml.Node | None = None  # the root whose tables are not made yet

    @property
    def values(self) -> dict[Path, yaml.Node]:
        if self._unwalked is not None:
            self.record(self._unwalked)
        return self._values

    @property
    def keys(self) -> dict[Path, yaml.Node]:
        if self._unwalked is not None:
            self.record(self._unwalked)
        return self._keys

    def record_later(self, root: yaml.Node) -> None:
        """Make the tables from `root` when they are first asked for."""
        self._unwalked = root

    def record(self, root: yaml.Node) -> None:
        """Make the tables from `root` now: the same walk as the data's, recording
        every path (its problems were reported by the first walk).  Made aside and
        then put in place, so that a reader never sees half a table."""
        made = SourceMap(self.path)
        _Walker(made, []).walk(root, ())
        self._values, self._keys = made._values, made._keys
        self.raw_scalars.update(made.raw_scalars)
        self._unwalked = None

    def value(self, path: Path) -> Mark:
        """The mark of the value at `path`, or of its nearest written parent."""
        return self._nearest(self.values, path)

    def written_at(self, path: Path) -> tuple[str, Mark]:
        """The file and mark of the value at `path`, for a message that names where
        something else was written (a scenario's marks say the plan's file)."""
        return self.path, self.value(path)

    def key(self, path: Path) -> Mark:
        """The mark of the key at `path` (the value's for list items)."""
        if path in self.keys:
            return _mark(self.keys[path])
        return self._nearest(self.values, path)

    def resolve(self, loc: Path) -> Path:
        """The longest path in the data that `loc` names, skipping the parts
        that are not in the source (pydantic adds union tags and the keys of
        normalised forms to its error locations)."""
        found: Path = ()
        values = self.values
        for part in loc:
            candidate = found + (part,)
            if candidate in values:
                found = candidate
        return found

    def _nearest(self, table: dict[Path, yaml.Node], path: Path) -> Mark:
        for end in range(len(path), -1, -1):
            node = table.get(path[:end])
            if node is not None:
                return _mark(node)
        return Mark(1, 1)

    def __repr__(self) -> str:
        return f"SourceMap({self.path!r})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):  # as the dataclass it was: the same class, the same tables
            return NotImplemented
        assert isinstance(other, SourceMap)
        return (self.path, self.values, self.keys, self.raw_scalars) == \
            (other.path, other.values, other.keys, other.raw_scalars)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was


@dataclass
class Parsed:
    """A parsed YAML file: its data (None when unusable), marks and problems."""

    data: Any
    source: SourceMap
    problems: list[Problem]


def parse_yaml(raw: bytes, path: str) -> Parsed:
    """Parse one YAML file's bytes; every defect becomes a problem."""
    source = SourceMap(path)
    problems: list[Problem] = []
    if len(raw) > MAX_FILE_BYTES:
        problems.append(make("file-too-large", path, 1, 1, size=len(raw), limit=MAX_FILE_BYTES))
        return Parsed(None, source, problems)
    text = decode_utf8(raw, path, problems)
    if text is None:
        return Parsed(None, source, problems)
    too_deep = _excessive_nesting(text)
    if too_deep is not None:
        problems.append(make("too-deep", path, too_deep[0], too_deep[1], limit=MAX_DEPTH))
        return Parsed(None, source, problems)
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        if is_depth_error(exc):
            line, column = _flow_depth_position(text) or _error_position(exc)
            problems.append(make("too-deep", path, line, column, limit=MAX_DEPTH))
            return Parsed(None, source, problems)
        problems.append(syntax_problem(exc, path))
        return Parsed(None, source, problems)
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        problems.append(syntax_problem(exc, path))
        return Parsed(None, source, problems)
    documents = [n for n in nodes if n is not None]
    if not documents:
        problems.append(make("empty-file", path, 1, 1))
        return Parsed(None, source, problems)
    if len(documents) > 1:
        second = documents[1].start_mark
        problems.append(make("multiple-documents", path, second.line + 1, 1))
    walker = _Walker(source, problems, recording=False)
    data = walker.walk(documents[0], ())
    if walker.failed or walker.unusual:
        source.record(documents[0])  # the tables as they were when the walk stopped or met a YAML 1.1 word
    else:
        source.record_later(documents[0])
    return Parsed(data, source, problems)


def read_mapping(file: Any, shown: str, problems: list[Problem]) -> tuple[dict[Any, Any], SourceMap] | None:
    """A YAML file whose top is a mapping: its data and source map, or None with the
    problems (unreadable, a syntax error, not a mapping) added."""
    from generator.problems import os_reason

    try:
        raw = file.read_bytes()
    except OSError as exc:
        problems.append(make("unreadable-file", shown, 1, 1, **os_reason(exc)))
        return None
    parsed = parse_yaml(raw, shown)
    problems.extend(parsed.problems)
    if parsed.data is None:
        return None
    if not isinstance(parsed.data, dict):
        problems.append(make("not-a-mapping", shown, 1, 1))
        return None
    return parsed.data, parsed.source


# libyaml's words for what it was reading and what it found, in Chinese (the
# Chinese message must not carry English; an unknown phrase is kept as written).
_SYNTAX_WORDS = {
    "while parsing a flow sequence": "在方括号列表 [...] 里",
    "while parsing a flow mapping": "在花括号 {...} 里",
    "while parsing a block mapping": "在 `键: 值` 块里",
    "while parsing a block collection": "在 `-` 列表里",
    "while parsing a flow node": "在括号里",
    "while parsing a block node": "在这一块里",
    "while parsing a quoted scalar": "在引号里的文字中",
    "while scanning a quoted scalar": "在引号里的文字中",
    "while scanning a simple key": "读取键时",
    "while scanning a plain scalar": "读取文字时",
    "while scanning an alias": "读取别名 (*) 时",
    "while scanning an anchor": "读取锚点 (&) 时",
    "while scanning a tag": "读取标签 (!) 时",
    "while scanning a block scalar": "读取多行文字时",
    "while scanning for the next token": "",
    "while parsing a node": "",
    "did not find expected ',' or ']'": "缺少 `,` 或 `]`(括号没有闭合?)",
    "did not find expected ',' or '}'": "缺少 `,` 或 `}`(括号没有闭合?)",
    "did not find expected key": "这里应是一个键(缩进不一致,或多了一个括号?)",
    "did not find expected '-' indicator": "这里应是 `-` 开头的列表项(缩进不一致?)",
    "did not find expected node content": "这里缺少值",
    "could not find expected ':'": "缺少 `:`",
    "mapping values are not allowed in this context": "这里不能再出现 `键: 值`(值里有冒号时请加引号,或检查缩进)",
    "mapping values are not allowed here": "这里不能再出现 `键: 值`(值里有冒号时请加引号,或检查缩进)",
    "found character that cannot start any token": "出现了不能开头的字符(Tab 请换成空格;@ ` % 开头的文字请加引号)",
    "found unexpected end of stream": "文件意外结束(引号或括号没有闭合)",
    "found undefined alias": "引用了没有定义的锚点",
    "found unknown escape character": "引号里有未知的转义字符(\\ 后面的字母)",
    "found unexpected ':'": "出现了多余的 `:`",
    "expected <block end>, but found '<block mapping start>'": "缩进不一致",
    "expected <block end>, but found '<block sequence start>'": "缩进不一致",
    "expected <block end>, but found '-'": "缩进不一致",
    "expected <block end>, but found '<scalar>'": "缩进不一致",
}


def syntax_problem(exc: BaseException, path: str) -> Problem:
    """A YAML syntax error at its line, in both languages."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(exc, yaml.MarkedYAMLError):
        parts = [part for part in (exc.context, exc.problem) if part]
    else:
        parts = [str(exc)[:200]]
    detail = " ".join(parts).strip()
    detail_zh = ",".join(filter(None, (_SYNTAX_WORDS.get(part.strip(), part.strip()) for part in parts))) or detail
    return make("yaml-syntax", path, line, column, detail=detail, detail_zh=detail_zh)


def _excessive_nesting(text: str) -> tuple[int, int] | None:
    """Where nesting passes MAX_DEPTH, checked without recursion.

    libyaml's composer recurses in C and crashes the process on a file of a
    hundred thousand `[`; parse events are flat, so count depth on them.  Only
    files that could be that deep (many brackets or deep indentation) pay for it.
    Newer libyaml builds refuse deep flow nesting themselves ("exceeded maximum
    nesting depth", at about 1000 levels, sometimes before the 65th level's event
    reaches us): that refusal is the same problem, reported at our own limit."""
    brackets = text.count("[") + text.count("{")
    deepest_indent = max((len(line) - len(line.lstrip(" ")) for line in text.splitlines()), default=0)
    if brackets <= 4 * MAX_DEPTH * 8 and deepest_indent <= 2 * MAX_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth - 1 > MAX_DEPTH and event.start_mark is not None:  # the root collection is level 0
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        if is_depth_error(exc):
            return _flow_depth_position(text) or _error_position(exc)
        return None  # the composer reports the syntax error with its line
    return None


def is_depth_error(exc: yaml.YAMLError) -> bool:
    """Whether the YAML library refused the text for its own nesting limit."""
    return "nesting depth" in str(getattr(exc, "problem", "") or exc)


def _error_position(exc: yaml.YAMLError) -> tuple[int, int]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _flow_depth_position(text: str) -> tuple[int, int] | None:
    """The first `[` or `{` that opens level MAX_DEPTH + 1, by a flat character scan.

    Quoted scalars and comments are skipped; block nesting only adds to the
    real depth, so a flow depth above the limit is always too deep."""
    depth, quote, line, column = 0, "", 1, 0
    previous = "\n"
    for char in text:
        column += 1
        if char == "\n":
            line, column, previous = line + 1, 0, char
            if quote == "#":
                quote = ""
            continue
        if quote:
            if (quote == char and quote != "#"):
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and previous in " \t\n":
            quote = "#"
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, column
        elif char in "]}":
            depth = max(depth - 1, 0)
        previous = char
    return None


def decode_utf8(raw: bytes, path: str, problems: list[Problem]) -> str | None:
    """UTF-8 text (a BOM is allowed) or None with an `encoding` problem."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(make("encoding", path, line, column, byte=f"0x{raw[exc.start]:02x}"))
        return None


class _Walker:
    """Turns a node graph into data, recording marks and problems.

    Without `recording` it makes the data and the problems only (no path, no
    table entry); `unusual` then says that the walk met what only the tables can
    hold (a YAML 1.1 word read as a boolean), so they must be made now."""

    def __init__(self, source: SourceMap, problems: list[Problem], recording: bool = True) -> None:
        self.source = source
        self.problems = problems
        self.recording = recording
        self.alias_budget = MAX_ALIAS_NODES
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.sizes: dict[int, int] = {}
        self.failed = False
        self.unusual = False

    def problem(self, code: str, node: yaml.Node, **args: Any) -> None:
        self.problems.append(
            make(code, self.source.path, node.start_mark.line + 1, node.start_mark.column + 1, **args)
        )

    def walk(self, node: yaml.Node, path: Path, depth: int = 0) -> Any:
        if self.recording:
            self.source._values.setdefault(path, node)
        if self.failed:
            return None
        if depth > MAX_DEPTH:
            self.problem("too-deep", node, limit=MAX_DEPTH)
            self.failed = True
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        key = id(node)
        if key in self.active:
            self.problem("alias-cycle", node)
            self.failed = True
            return None
        if key in self.seen:
            # An alias: PyYAML hands us the anchored node again.  Count what
            # it would expand to before expanding it.
            self.alias_budget -= self.size(node)
            if self.alias_budget < 0:
                self.problem("alias-expansion", node, limit=MAX_ALIAS_NODES)
                self.failed = True
                return None
        self.seen.add(key)
        self.active.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                self.check_tag(node, "seq")
                if not self.recording:
                    return [self.walk(item, path, depth + 1) for item in node.value]
                return [self.walk(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
            self.check_tag(node, "map")
            assert isinstance(node, yaml.MappingNode)  # a node is a scalar, a sequence or a mapping
            return self.mapping(node, path, depth)
        finally:
            self.active.discard(key)

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        recording = self.recording
        keys, values = self.source._keys, self.source._values
        child = path
        first_lines: dict[Any, int] = {}  # made at the first duplicate
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem("complex-key", key_node)
                continue
            key = self.key_of(key_node)
            if key in result:
                first_lines = first_lines or self.first_lines(node)
                self.problem("duplicate-key", key_node, key=key, first_line=first_lines[key])
                continue
            if recording:
                child = path + (key,)
                keys[child] = key_node
            plain_text = value_node.tag == _STR and type(value_node) is yaml.ScalarNode
            if plain_text and depth < MAX_DEPTH and not self.failed:
                # most values are plain text: what walk() would do, without the call
                if recording:
                    values.setdefault(child, value_node)
                result[key] = plain_string(value_node) if key == "year" else nfc(value_node.value)
            else:
                result[key] = self.walk(value_node, child, depth + 1)
        return result

    def key_of(self, key_node: yaml.ScalarNode) -> Any:
        """A mapping key as the data holds it: text stripped and composed (NFC)."""
        key = key_node.value if key_node.tag == _STR else self.scalar(key_node, None)
        return nfc(key.strip()) if isinstance(key, str) else key

    def first_lines(self, node: yaml.MappingNode) -> dict[Any, int]:
        """The line of each key's first writing in a mapping, read once at its first
        duplicate (a rescan per duplicate made a file of repeated keys quadratic)."""
        quiet = _Walker(self.source, [], recording=False)  # reading the keys again says nothing twice
        lines: dict[Any, int] = {}
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines.setdefault(quiet.key_of(key_node), int(key_node.start_mark.line) + 1)
        return lines

    def check_tag(self, node: yaml.Node, kind: str) -> None:
        if node.tag != _TAG + kind:
            self.problem("unknown-tag", node, tag=node.tag)

    def size(self, node: yaml.Node) -> int:
        key = id(node)
        if key in self.sizes:
            return self.sizes[key]
        self.sizes[key] = 1  # guards against cycles while counting
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(self.size(item) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(self.size(k) + self.size(v) for k, v in node.value)
        total = min(total, 10 * MAX_ALIAS_NODES)
        self.sizes[key] = total
        return total

    def scalar(self, node: yaml.ScalarNode, path: Path | None) -> Any:
        text: str = node.value
        tag: str = node.tag
        if tag == _INT:  # first: most of a review's scalars are its figures
            cleaned = text.replace("_", "")
            if ":" in cleaned:
                self.problem("yaml-sexagesimal", node, text=text)
                return text
            if _DECIMAL_INT.match(cleaned) and len(cleaned) <= _INT_DIGITS_MAX:
                return int(cleaned)
            return text  # 0x10, 0o17, 010, a 5,000-digit number: leave the text for the field to judge
        if tag == _STR:
            return nfc(text)
        if tag == _NULL:
            return None
        if tag == _BOOL:
            lowered = text.lower()
            if lowered in _YAML11_BOOLEANS and path is not None:
                if self.recording:
                    self.source.raw_scalars[path] = text
                else:
                    self.unusual = True
            return lowered in ("true", "yes", "on", "y")
        if tag == _FLOAT:
            cleaned = text.replace("_", "")
            if ":" in cleaned:
                self.problem("yaml-sexagesimal", node, text=text)
                return text
            try:
                return float(cleaned)
            except ValueError:
                return text  # `.nan`, `.inf`: the quantity parser refuses them by text
        if tag == _TIMESTAMP:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
                    self.problem("invalid-date", node, text=text)
                return text
        self.problem("unknown-tag", node, tag=tag)
        return text


def nfc(text: str) -> str:
    """Text in Unicode's composed form (NFC): `café` typed on a Mac (NFD, e + ◌́) and on
    Windows (NFC, é) is one id, one SKU, one channel name.  ASCII, most of a plan, is
    already NFC and is returned without a look (`isascii` is a flag check)."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)

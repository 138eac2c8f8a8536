"""YAML as written, read and written back (ruamel.yaml's round trip): comments, key
order, flow and block layout, quotes and the source's indentation kept.  Used where
Planbook writes a user's file: `planbook new` (scaffold) and `import plan` (the
workbook laid over the files)."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.util import load_yaml_guess_indent


def roundtrip_yaml(text: str, sequence: int = 2, offset: int = 0) -> YAML:
    """A round-trip YAML set up to write in `text`'s own indentation (`sequence` and
    `offset` where the text does not tell, e.g. a new file)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the operator wrote on one line
    if text:
        _data, found_sequence, found_offset = load_yaml_guess_indent(text)
        sequence, offset = found_sequence or sequence, found_offset or offset
    yaml.indent(mapping=mapping_indent(text), sequence=sequence, offset=offset)
    return yaml


def mapping_indent(text: str) -> int:
    """The indentation of nested mapping keys in the source (2 in most plans)."""
    widths = [len(line) - len(line.lstrip(" ")) for line in text.splitlines()
              if line.startswith(" ") and not line.lstrip().startswith(("-", "#")) and ":" in line]
    return min((w for w in widths if w > 0), default=2)


def dumped(yaml: YAML, document: Any) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()

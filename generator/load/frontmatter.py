"""The front matter of an operator's Markdown page, read as MkDocs reads it.

MkDocs takes a YAML block that opens with `---` on the first line and closes
with `---` or `...` (`mkdocs.utils.meta`); the same pattern here, so that no page
reaches MkDocs with front matter Planbook did not see (and sanitize).  The block
is parsed with Planbook's own bounded YAML reader: an alias bomb, deep nesting or
a duplicate key is a problem at its line, never a hang or a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from generator.load.yamltree import parse_yaml
from generator.problems import Problem

# mkdocs/utils/meta.py YAML_RE, as MkDocs 1.6 matches it
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]  # {} when there is none or it is unusable
    problems: list[Problem]  # at their lines in the page


# What is wrong with a page's front matter as YAML (a plan's own rules, such as an
# empty file or `1:30` read as a number, do not apply to a page).  A page with such a
# block is still published, without it: a warning, not an error.
_PAGE_PROBLEMS = {"yaml-syntax", "too-deep", "alias-expansion", "alias-cycle", "duplicate-key", "unknown-tag",
                  "complex-key", "file-too-large"}


def unified_newlines(text: str) -> str:
    """MkDocs reads files with universal newlines: `---\r\n` opens a block for it too."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_front_matter(text: str, shown: str) -> FrontMatter:
    match = FRONT_MATTER.match(unified_newlines(text))
    if not match:
        return FrontMatter({}, [])
    parsed = parse_yaml(match.group(1).encode("utf-8"), shown)
    # The block starts on line 2 of the page: move the problems there.
    problems = [replace(p, line=p.line + 1, severity="warning") for p in parsed.problems if p.code in _PAGE_PROBLEMS]
    usable = isinstance(parsed.data, dict) and not problems
    return FrontMatter(parsed.data if usable else {}, problems)

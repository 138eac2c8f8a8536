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


def read_front_matter(text: str, shown: str) -> FrontMatter:
    match = FRONT_MATTER.match(text)
    if not match:
        return FrontMatter({}, [])
    parsed = parse_yaml(match.group(1).encode("utf-8"), shown)
    # The block starts on line 2 of the page: move the problems there.
    problems = [replace(p, line=p.line + 1) for p in parsed.problems]
    data = parsed.data if isinstance(parsed.data, dict) and not any(p.is_error for p in problems) else {}
    return FrontMatter(data, problems)

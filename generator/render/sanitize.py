"""The one sanitizer for everything an operator writes that reaches HTML.

Plan text in generated pages is escaped by the templates; the operators' own
Markdown pages are the other way in.  Their body is cleaned after MkDocs has
turned it into HTML (`clean_html`, an allow-list through nh3/ammonia), and their
front matter, which Material puts into the page header and `<meta>` tags
unescaped, is reduced to plain text before MkDocs reads it (`clean_front_matter`).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.load.frontmatter import FRONT_MATTER, unified_newlines

_TAG = re.compile(r"<[^>]*>?")
# Characters that could open markup or leave an attribute: dropped from plain text.
_MARKUP = str.maketrans({"<": "", ">": "", '"': "", "`": ""})

# What the operators' own Markdown may keep once rendered: formatting, links,
# images, tables; never scripts, event handlers, styles or javascript:/data: links.
_ALLOWED_ATTRIBUTES = {
    "*": {"class", "title"},
    **{f"h{level}": {"id", "class", "title"} for level in range(1, 7)},  # the table of contents links to them
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"}, "th": {"align"},
}
# Ids and classes that belong to the theme and Planbook's own page furniture.
# Material reads its configuration (the search worker's URL among it) from the
# first element with id `__config`, and its own classes position elements over
# the page (`md-dialog`, `md-consent__overlay` are `position: fixed`): an
# operator's heading or div must not take either.  Markdown's own classes
# (admonition, highlight, footnote, task-list …) stay.
_THEME_ID = re.compile(r"^_")
_THEME_CLASS = re.compile(r"^(md|pb)[-_]")


def _attribute_filter(_tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return None if _THEME_ID.match(value) else value
    if attribute == "class":
        kept = [name for name in value.split() if not _THEME_CLASS.match(name)]
        return " ".join(kept) or None
    return value


def clean_html(html: str) -> str:
    """Operator HTML through an allow-list: no script, no event handler, no style
    (a `position: fixed` cell could cover the page), only http(s)/mailto links,
    no id or class of the theme's own."""
    import nh3

    tags = set(nh3.ALLOWED_TAGS) | {"details", "summary", "mark"}
    return nh3.clean(html, tags=tags, attributes=_ALLOWED_ATTRIBUTES, attribute_filter=_attribute_filter,
                     url_schemes={"http", "https", "mailto"}, link_rel=None)


def plain_text(value: str) -> str:
    """Text with every tag and markup character removed (for titles, descriptions, nav)."""
    return _TAG.sub("", value).translate(_MARKUP).strip()


def clean_front_matter(text: str, meta: dict[str, Any]) -> str:
    """A Markdown page whose front matter holds plain text only.

    `meta` is the page's front matter as `load.frontmatter` read it (bounded, the
    block found as MkDocs finds it, `---` or `...` closing it): every string is
    reduced to plain text and the block written again; a block that was not a
    usable mapping is dropped (it would otherwise reach the page unparsed)."""
    text = unified_newlines(text)
    front = FRONT_MATTER.match(text)
    if not front:
        return text
    body = text[front.end():]
    if not meta:
        return body
    cleaned = _clean_value(meta)
    return "---\n" + str(yaml.safe_dump(cleaned, allow_unicode=True, sort_keys=False)) + "---\n" + body


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, dict):
        return {plain_text(str(k)): _clean_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_value(v) for v in value]
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return plain_text(str(value))  # dates and other YAML types become text

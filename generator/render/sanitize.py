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

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_TAG = re.compile(r"<[^>]*>?")
# Characters that could open markup or leave an attribute: dropped from plain text.
_MARKUP = str.maketrans({"<": "", ">": "", '"': "", "`": ""})

# What the operators' own Markdown may keep once rendered: formatting, links,
# images, tables; never scripts, event handlers, styles or javascript:/data: links.
_ALLOWED_ATTRIBUTES = {
    # `id` only on headings (the table of contents links to them): an operator's
    # `<div id="__config">` must not shadow Material's own configuration element.
    "*": {"class", "title"},
    **{f"h{level}": {"id", "class", "title"} for level in range(1, 7)},
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"}, "th": {"align"},
}


def clean_html(html: str) -> str:
    """Operator HTML through an allow-list: no script, no event handler, no style
    (a `position: fixed` cell could cover the page), only http(s)/mailto links."""
    import nh3

    tags = set(nh3.ALLOWED_TAGS) | {"details", "summary", "mark"}
    return nh3.clean(html, tags=tags, attributes=_ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel=None)


def plain_text(value: str) -> str:
    """Text with every tag and markup character removed (for titles, descriptions, nav)."""
    return _TAG.sub("", value).translate(_MARKUP).strip()


def clean_front_matter(text: str) -> str:
    """A Markdown page whose front matter holds plain text only.

    Every string value is reduced to plain text; front matter that is not a
    mapping of YAML is dropped (it would otherwise reach the page unparsed)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    body = text[match.end():]
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return body
    if not isinstance(data, dict):
        return body
    cleaned = _clean_value(data)
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

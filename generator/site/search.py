"""Search that finds what operators type (spec 12), word by word.

Material's search plugin segments Chinese with jieba and marks the word
boundaries with U+200B in the index.  The separator splits there (and where
Chinese meets Latin letters or digits: 双11 is 双 | 11), never between two
Chinese characters: an index term is a word (面膜), so 面膜 does not find the
FAQ's 英文界面 by its 面.

A query is not segmented by jieba (Material gives no hook for it), so the page
does it (`assets/planbook.js`): it cuts what is typed into the index's own
words, longest first, and marks the cuts with the same U+200B, invisible in the
search box — 京东快车 is searched as 京东 | 快车.  Result titles lose their
zero-width spaces here (the text keeps them: they are the segmentation).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
SEPARATOR = (r"[\s\u200b\u3000\-、。，．？！；：（）()《》“”]+"
             rf"|(?<=[{_HAN}])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[{_HAN}])")


def clean_search_index(path: Path, previous: dict[str, Any] | None = None,
                       merge: bool = False, docs: Path | None = None) -> dict[str, Any] | None:
    """Rewrite the search index with result titles cleaned; with `merge` (a dirty
    build under serve, whose index holds only the pages it rebuilt), the entries of
    the other pages are taken from `previous`, and the copy for pages opened from
    disk is left alone (served pages fetch the index).  Returns the index as written."""
    if not path.is_file():
        return previous
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if merge and previous is not None:
        rebuilt = {_page_of(doc) for doc in data.get("docs", [])}
        present: dict[str, bool] = {}  # a page has an entry per section: look at its file once
        kept = []
        for doc in previous.get("docs", []):
            page = _page_of(doc)
            if page in rebuilt:
                continue
            if page not in present:  # a page deleted since: gone
                present[page] = docs is None or _source_exists(docs, page)
            if present[page]:
                kept.append(doc)
        data["docs"] = kept + data.get("docs", [])
    for doc in data.get("docs", []):
        title = doc.get("title")
        if isinstance(title, str) and "\u200b" in title:
            doc["title"] = title.replace("\u200b", "")
    write_search_index(path, data, script=not merge)
    return data


def write_search_index(path: Path, data: dict[str, Any], script: bool = True) -> None:
    """The index as the search plugin writes it, and (with `script`) the copy
    Material's `offline` plugin put beside it for pages opened from disk
    (`search_index.js`), which that plugin wrote before Planbook's changes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    script_file = path.with_name("search_index.js")
    if script and script_file.is_file():
        script_file.write_text(f"var __index = {text}", encoding="utf-8")


def _source_exists(docs: Path, page: str) -> bool:
    """Whether the Markdown page behind a site page (a/b.html, a/ or "") still exists."""
    if not page or page.endswith("/"):
        return (docs / page / "index.md").is_file()
    return (docs / page).with_suffix(".md").is_file()


def _page_of(doc: dict[str, Any]) -> str:
    return str(doc.get("location", "")).split("#", 1)[0]

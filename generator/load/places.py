"""Where a review's data files are: next to it, and never outside the plans folder
(the loading rule for `source:`, an ad report and an item report alike).  Apart from
the readers, so that knowing a file's place costs no reader's import."""

from __future__ import annotations

import os
from pathlib import Path


def resolve_source(review_file: Path, written: str, root: Path) -> Path | None:
    """The source path next to the review, or None when it leads outside `root`
    (an absolute path, `..`, or a symlink that points out)."""
    if os.path.isabs(written) or written.startswith(("~", "\\")):
        return None
    candidate = (review_file.parent / written).resolve()
    boundary = root.resolve() if root.is_dir() else root.resolve().parent
    try:
        candidate.relative_to(boundary)
    except ValueError:
        return None
    return candidate

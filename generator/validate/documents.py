"""Rules across documents (spec 1): one plan and one review per (unit, year);
campaign files need their plan."""

from __future__ import annotations

from typing import Iterator

from generator.model.workspace import Document, Workspace
from generator.problems import Problem


def one_per_unit_and_year(workspace: Workspace) -> Iterator[Problem]:
    """At most one plan and one review per (unit, year)."""
    first: dict[tuple[str, str, int], Document] = {}
    for doc in workspace.documents:
        if doc.kind == "campaign":
            continue
        key = (doc.kind, *doc.key)
        if key in first:
            other = first[key]
            yield doc.problem("duplicate-document", "year", kind=doc.kind, unit=doc.key[0],
                              year=doc.key[1], other=other.path)
        else:
            first[key] = doc


def campaign_has_plan(workspace: Workspace) -> Iterator[Problem]:
    """A campaign document adds to the plan of its (unit, year), which must exist."""
    for doc in workspace.of_kind("campaign"):
        if workspace.plan(*doc.key) is None:
            yield doc.problem("campaign-without-plan", "year", unit=doc.key[0], year=doc.key[1])


def unit_names(workspace: Workspace) -> Iterator[Problem]:
    """A unit names a folder of the site, as a campaign id names a page: short enough
    for a file name (a 300-character unit passed check and then failed the build)."""
    from generator.validate.campaigns import MAX_ID_LENGTH

    for doc in workspace.documents:
        unit = doc.key[0]
        if len(unit) > MAX_ID_LENGTH:
            yield doc.problem("id-too-long", "unit", short=unit[:20], length=len(unit), limit=MAX_ID_LENGTH)


RULES = [one_per_unit_and_year, campaign_has_plan, unit_names]

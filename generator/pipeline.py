"""The pipeline in one place: load → validate → compute, for every command and the site.

`open_project(plans, settings)` reads a plans folder once and returns a `Project`:
the loaded documents (its workspace), every problem, and each (unit, year)'s
report computed on first use.  `planbook check`, `report`, `export xlsx`,
`whatif`, `new`, the check of an import and the site's build all start from one, so
the pre-commit hook, the report and the site's problems page list the same problems
and show the same figures.  The commands that carry files as written (`export
plan`, `import plan`, `log`) read them with `read_project` (no rules: a plan that
does not validate yet can still be exported); a diff's sides read from git are
`project_of`.  What the site keeps between builds (`RenderCache`) is here too: the
documents parsed before and the reports rendered before are part of a project.

Validation's problems come first; where nothing is an error, a review's own words
are judged against its computed figures (`compute.narrative`).  A side of a diff
has validation's problems only: the diff compares what the rules say of each side.  Free of pandas until a report is asked for:
`check` runs as a pre-commit hook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from generator.load.warehouse import ASK_NOW, QueryOptions
from generator.model.workspace import ParsedCache, Workspace
from generator.problems import Problem, has_errors, sort_problems
from generator.settings import Settings, Thresholds
from generator.validate import check, root_causes_first, validate

if TYPE_CHECKING:
    from generator.compute.report import YearReport
    from generator.load.overlay import Overlay
    from generator.model.scenarios import Scenario

Key = tuple[str, int]  # (unit, year)


@dataclass
class RenderCache:
    """Each (unit, year)'s input fingerprint, its computed report and its navigation,
    so a build re-renders only the years whose inputs changed; and each file's parsed
    document, while its bytes stay the same.

    `serve` keeps one in memory between rebuilds; `build` keeps one in the build
    folder (`build/.planbook-cache/`), so a second build, or a CI job that keeps
    `build/` between runs, re-renders only what a commit changed.  The fingerprint
    (`site.build.year_fingerprints`) covers everything a year's pages are made of;
    the pages that span years (home, problems, guide) are rendered every time."""

    entries: dict[Key, tuple[str, Any, list[Any]]] = field(default_factory=dict)
    folder: Path | None = None
    parsed: ParsedCache = field(default_factory=dict)

    def get(self, key: Key, fingerprint: str) -> tuple[Any, list[Any]] | None:
        """(report, navigation) rendered from exactly these inputs, or None."""
        entry = self.entries.get(key)
        if entry is not None and entry[0] == fingerprint:
            return entry[1], entry[2]
        if self.folder is None:
            return None
        import pickle

        try:
            with open(self.folder / _cache_name(key, fingerprint), "rb") as handle:
                version, stored_key, report, nav = pickle.load(handle)
        except Exception:  # noqa: BLE001 - missing, damaged or from another version: a miss, never an error
            return None
        return (report, nav) if (version, stored_key) == (_CACHE_VERSION, key) else None

    def update(self, entries: dict[Key, tuple[str, Any, list[Any]]]) -> None:
        """Keep this render's entries; on disk, write the new ones and drop the rest."""
        self.entries = entries
        if self.folder is None:
            return
        import pickle

        from generator.files import write_atomically  # here: `check` keeps no render cache

        names = {_cache_name(key, fingerprint): (key, report, nav) for key, (fingerprint, report, nav) in entries.items()}
        for name, (key, report, nav) in names.items():
            if not (self.folder / name).exists():  # the name is the fingerprint: an existing file is current
                write_atomically(self.folder / name,
                                 pickle.dumps((_CACHE_VERSION, key, report, nav), protocol=pickle.HIGHEST_PROTOCOL))
        for stale in self.folder.glob("*.pickle"):
            if stale.name not in names:
                stale.unlink(missing_ok=True)


_CACHE_VERSION = 1


def _cache_name(key: Key, fingerprint: str) -> str:
    import hashlib

    return hashlib.sha256(f"{key[0]}\0{key[1]}\0{fingerprint}".encode()).hexdigest()[:40] + ".pickle"


@dataclass
class Project:
    """One plans folder, loaded and checked once: what every command starts from."""

    plans: Path
    workspace: Workspace
    # open_project: the settings' (mkdocs.yml) first, then the plans' in file order;
    # project_of: as loading and the rules found them
    problems: list[Problem]
    thresholds: Thresholds = field(default_factory=Thresholds)
    cache: RenderCache = field(default_factory=RenderCache)
    scenario: Scenario | None = None  # set on a scenario's project: the overlay applied (with_scenario)
    _reports: dict[Key, YearReport] = field(default_factory=dict, repr=False)

    def has_errors(self, strict: bool = False) -> bool:
        return has_errors(self.problems, strict)

    def keys(self) -> list[Key]:
        """Every (unit, year) with a plan or a review, in order."""
        return list(self.workspace.units_years())

    def report(self, unit: str, year: int) -> YearReport:
        """The figures of (unit, year), computed once.  The commands ask it of a project
        without errors (figures of documents that do not validate are never shown);
        `export plan` asks the targets of a plan as written (`read_project`)."""
        key = (unit, year)
        if key not in self._reports:
            from generator.compute.report import compute_year

            self._reports[key] = compute_year(self.workspace, unit, year, self.problems, self.thresholds)
        return self._reports[key]

    def reports(self, unit: str | None = None, year: int | None = None) -> list[YearReport]:
        """The reports of every (unit, year), or of those `unit` and `year` select."""
        return [self.report(u, y) for u, y in self.keys()
                if (unit is None or u == unit) and (year is None or y == year)]

    def with_scenario(self, overlay: Overlay, problems: list[Problem]) -> Project | None:
        """The project as the scenario `overlay` changes its plan (spec 14): its year's
        report is the scenario's, `scenario` says which.  What stops the overlay from
        applying is added to `problems`; None then.  The scenario's other problems are
        the project's already (`check` runs every scenario)."""
        from generator.model.scenarios import apply_scenario

        applied = apply_scenario(self.workspace, overlay, problems)
        if applied is None:
            return None
        return Project(self.plans, applied.workspace, self.problems, self.thresholds, scenario=applied)


def open_project(plans: Path, settings: Settings | None = None, *, setting_problems: Iterable[Problem] = (),
                 cache: RenderCache | None = None, warehouse: QueryOptions = ASK_NOW,
                 reviews_words: bool = True) -> Project:
    """Load and validate the plans folder `plans`; where nothing is an error, judge the
    reviews' words too (not with `reviews_words=False`: the check of files an import
    writes, and `new`, which show no review's warnings).  `settings` are the project's
    (mkdocs.yml), `setting_problems` what reading them found; `cache` keeps the
    documents parsed by an earlier open (serve, build); `warehouse` says where a
    warehouse query's result is cached (none: asked now)."""
    settings = settings or Settings()
    if reviews_words:
        workspace, problems = checked(plans, cache.parsed if cache is not None else None, warehouse)
    else:
        workspace, problems = check(plans, cache.parsed if cache is not None else None, warehouse)
    return Project(plans, workspace, [*setting_problems, *problems], settings.thresholds,
                   cache if cache is not None else RenderCache())


def read_project(plans: Path) -> Project:
    """The plans folder as written, without the rules: loading's problems only.  For
    the commands that carry files as they are (`export plan`, `import plan`, `log`),
    which must work on a plan that does not validate yet."""
    from generator.model.workspace import read_workspace

    return project_of(read_workspace(plans), rules=False)


def project_of(workspace: Workspace, thresholds: Thresholds | None = None, rules: bool = True) -> Project:
    """A workspace read elsewhere (a git revision's files, for `diff`; a scenario's
    plan, for `whatif`) as a project: loading's and validation's problems, as they are
    found (without `rules`, loading's only)."""
    problems = list(workspace.problems) + (validate(workspace) if rules else [])
    return Project(workspace.root, workspace, problems, thresholds or Thresholds())


def checked(root: Path, parsed: ParsedCache | None = None,
            warehouse: QueryOptions = ASK_NOW) -> tuple[Workspace, list[Problem]]:
    """Load and validate `root`; where nothing is an error, judge the reviews' words too."""
    from generator.compute.narrative import narrative_problems

    workspace, problems = check(root, parsed, warehouse)
    if has_errors(problems, strict=False):
        return workspace, problems  # figures of documents that do not validate are never computed
    said = narrative_problems(workspace)
    if not said:
        return workspace, problems
    return workspace, root_causes_first(workspace, sort_problems([*problems, *said]))

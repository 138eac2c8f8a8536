"""Compute and render the (unit, year)s a build must redo, on two cores when there are two.

A (unit, year)'s report and pages depend only on the loaded workspace, and each
writes only its own folder (`docs/<unit>/<year>/`), so the years split cleanly:
a forked child process takes every other year, the parent the rest, and the
parent then writes the pages that span years (home, problems, guide).  The
child returns its reports (for the home page and the render cache) and what it
wrote, pickled through a pipe.  Anything going wrong in the child only costs
time: the parent renders the child's years itself, so an error (a template
error, say) surfaces exactly as in a one-process render.

On 10 units × 3 years this takes a cold render from 10.3 s to about 6 s on 2 cores.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from typing import Any

from generator.compute.report import YearReport
from generator.problems import Problem
from generator.render.site import SiteOptions, YearRendered, render_years
from generator.settings import Thresholds

Key = tuple[str, int]
# Below this many years a second process costs more (fork, pickling) than it saves.
PARALLEL_FROM = 6


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def compute_and_render(workspace: Any, keys: list[Key], problems: list[Problem], thresholds: Thresholds,
                       docs: Any, options: SiteOptions, parallel: bool = True
                       ) -> tuple[dict[Key, YearReport], dict[Key, YearRendered]]:
    """The reports of `keys` and their rendered folders."""
    if not parallel or len(keys) < PARALLEL_FROM or usable_cores() < 2 \
            or "fork" not in multiprocessing.get_all_start_methods():
        return _in_this_process(workspace, keys, problems, thresholds, docs, options)
    theirs, ours = keys[1::2], keys[0::2]
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, workspace, theirs, problems, thresholds, docs, options),
                            daemon=True)
    child.start()
    sender.close()
    try:
        started = time.perf_counter()
        reports, rendered = _in_this_process(workspace, ours, problems, thresholds, docs, options)
        # The child has as much work: wait as long again, and more, before giving up on
        # it (a child stuck on a lock another thread held at the fork must not hang
        # the build).
        patience = 3 * (time.perf_counter() - started) + 30
        try:
            if not receiver.poll(patience):
                raise TimeoutError
            their_reports, their_rendered = receiver.recv()
        except (EOFError, OSError):  # the child died, failed or hung: its years are rendered here
            child.kill()
            their_reports, their_rendered = _in_this_process(workspace, theirs, problems, thresholds, docs, options)
    finally:
        receiver.close()
        child.join(timeout=5)
        if child.is_alive():  # pragma: no cover - only after an error in this process
            child.kill()
            child.join()
    return {**reports, **their_reports}, {**rendered, **their_rendered}


def _in_this_process(workspace: Any, keys: list[Key], problems: list[Problem], thresholds: Thresholds,
                     docs: Any, options: SiteOptions) -> tuple[dict[Key, YearReport], dict[Key, YearRendered]]:
    from generator.compute.report import compute_year

    reports = {key: compute_year(workspace, key[0], key[1], problems, thresholds) for key in keys}
    return reports, render_years(workspace, list(reports.values()), docs, options)


def _child(sender: Any, workspace: Any, keys: list[Key], problems: list[Problem], thresholds: Thresholds,
           docs: Any, options: SiteOptions) -> None:
    try:
        result = _in_this_process(workspace, keys, problems, thresholds, docs, options)
        sender.send(result)
    except BaseException:  # noqa: BLE001 - the parent renders these years itself and reports the error
        pass
    finally:
        sender.close()

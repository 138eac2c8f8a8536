"""Work split over two processes: a forked child does one part while this process
does the other (render/redo_years.py renders years so, site/mkdocs_halves.py builds pages).

The child's result comes back pickled through a pipe.  A child that dies, fails or
hangs costs time, not the result: its part is then done here, so an error
surfaces exactly as in one process."""

from __future__ import annotations

import multiprocessing
import os
import time
from typing import Any, Callable, TypeVar

Ours = TypeVar("Ours")
Theirs = TypeVar("Theirs")


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def two_cores_available() -> bool:
    return usable_cores() >= 2 and "fork" in multiprocessing.get_all_start_methods()


def in_two_processes(theirs: Callable[[], Theirs], ours: Callable[[], Ours],
                     theirs_here: Callable[[], Theirs]) -> tuple[Ours, Theirs]:
    """`ours()` here and `theirs()` in a forked child; `theirs_here()` here instead
    when the child sends nothing."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_send, args=(sender, theirs), daemon=True)
    child.start()
    sender.close()
    try:
        started = time.perf_counter()
        mine = ours()
        # The child has as much to do: wait as long again, and more, before giving up
        # on it (a child stuck on a lock another thread held at the fork must not
        # hang this process).
        patience = 3 * (time.perf_counter() - started) + 30
        try:
            if not receiver.poll(patience):
                raise TimeoutError
            result: Theirs = receiver.recv()
        except (EOFError, OSError):  # died, failed or hung (TimeoutError is an OSError)
            child.kill()
            result = theirs_here()
    finally:
        receiver.close()
        child.join(timeout=5)
        if child.is_alive():  # pragma: no cover - only after an error in this process
            child.kill()
            child.join()
    return mine, result


def _send(sender: Any, work: Callable[[], Any]) -> None:
    try:
        sender.send(work())
    except BaseException:  # noqa: BLE001 - the parent does this part itself and reports the error
        pass
    finally:
        sender.close()

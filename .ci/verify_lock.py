"""Fail when the packages installed in this interpreter differ from requirements.lock.

Run with the virtual environment's Python (`make verify-lock`). Every pinned
package must be installed at exactly its pinned version, and nothing else may be
installed besides Planbook itself and the installer's own tools: a green CI on a
machine with hand-installed packages must not hide a drifted dependency.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

# Installed by venv/pip themselves, not by the lock.
INSTALLER_TOOLS = {"pip", "setuptools", "wheel", "planbook"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(lock: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            pins[normalise(match.group(1))] = match.group(2)
    return pins


def installed() -> dict[str, str]:
    return {
        normalise(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if dist.metadata["Name"]
    }


def main(argv: list[str]) -> int:
    lock = Path(argv[1] if len(argv) > 1 else "requirements.lock")
    pins, have = pinned(lock), installed()
    wrong = [
        f"  {name}: lock {version}, installed {have.get(name, 'nothing')}"
        for name, version in sorted(pins.items())
        if have.get(name) != version
    ]
    extra = [
        f"  {name} {version} (not in the lock)"
        for name, version in sorted(have.items())
        if name not in pins and name not in INSTALLER_TOOLS
    ]
    if wrong or extra:
        print(f"installed packages differ from {lock}:", *wrong, *extra, sep="\n", file=sys.stderr)
        print("run `rm -rf .venv && make test`, or refresh the lock with `make lock`", file=sys.stderr)
        return 1
    print(f"{len(pins)} packages installed exactly as {lock} pins them")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

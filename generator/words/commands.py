"""What the commands say besides problems: usage, what was written, titles of
their output (`generator/commands`), Chinese and English side by side."""

from __future__ import annotations

COMMANDS: dict[str, tuple[str, str]] = {
}

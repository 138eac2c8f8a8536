#!/bin/sh
# git's diff driver for plan files (written by `planbook init`; see .gitattributes):
#   git config diff.planbook.textconv "sh __TEXTCONV_PATH__"
# A plan as canonical lines where Planbook is installed (on PATH, or in this
# repository's .venv); the file as it is where it is not, or where Planbook
# fails, so `git diff` never stops on a machine without it.  git runs this from
# the top of the repository.
# this script sits in .planbook/ of the folder `planbook init` wrote: its .venv is beside it
for planbook in planbook "$(dirname "$0")/../.venv/bin/planbook"; do
  if command -v "$planbook" >/dev/null 2>&1; then
    if lines=$("$planbook" textconv "$1" 2>/dev/null); then
      printf '%s\n' "$lines"
      exit 0
    fi
    break
  fi
done
exec cat "$1"

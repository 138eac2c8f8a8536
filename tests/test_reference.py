"""Every problem code emitted anywhere in generator/ has a reference entry."""

from __future__ import annotations

import re
import subprocess
import sys

from generator.messages import CATALOG
from generator.reference import REFERENCE, explain
from tests.conftest import REPO

# Codes appear as the first argument of make(...), .problem(...), at(...) and QuantityError(...),
# and as literals handed on (the months-sum / quarters-sum pair of the sum rule).
_CALL = re.compile(r'(?:make|problem|QuantityError|\bat)\(\s*"([a-z0-9-]+)"')
_LITERAL = re.compile(r'"([a-z]+(?:-[a-z0-9]+)+)"')


def emitted_codes() -> set[str]:
    codes: set[str] = set()
    for path in (REPO / "generator").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(_CALL.findall(text))
        codes |= {c for c in _LITERAL.findall(text) if c.endswith(("-sum",)) and c in CATALOG}
    return codes


def test_every_emitted_code_is_in_the_catalog_and_the_reference():
    codes = emitted_codes()
    assert len(codes) > 60
    assert codes <= set(CATALOG), codes - set(CATALOG)
    assert set(CATALOG) <= set(REFERENCE), set(CATALOG) - set(REFERENCE)


def test_every_entry_explains_in_both_languages():
    for code in REFERENCE:
        for lang in ("zh", "en"):
            text = explain(code, lang)
            assert text is not None and text.startswith(code)
            fix = text.splitlines()[-1]
            assert fix.split(":", 1)[-1].strip(), (code, lang)
            assert "{" not in fix or "{…}" in fix, (code, fix)


def test_explain_command():
    result = subprocess.run([sys.executable, "-m", "generator.cli", "explain", "share-sum", "--lang", "en"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0
    assert "Wrong:" in result.stdout and "channels: {tmall: 60%, jd: 40%}" in result.stdout
    unknown = subprocess.run([sys.executable, "-m", "generator.cli", "explain", "share-summ"], cwd=REPO,
                             capture_output=True, text=True)
    assert unknown.returncode == 2 and "share-sum" in unknown.stderr

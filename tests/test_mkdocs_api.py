"""The one module that talks to MkDocs (`generator/site/mkdocs_api.py`): the MkDocs
installed is one it was tested with, every part it uses is there, and no other module
imports MkDocs."""

from __future__ import annotations

import ast
import socket
import threading

import mkdocs
from packaging.version import Version

from generator.site import mkdocs_api
from tests.conftest import REPO


def test_the_installed_mkdocs_is_in_the_tested_range() -> None:
    low, high = (Version(v) for v in mkdocs_api.TESTED)
    assert low <= Version(mkdocs.__version__) < high, (
        f"MkDocs {mkdocs.__version__} is outside {mkdocs_api.TESTED}: check site/mkdocs_api.py against it, "
        "then widen TESTED and the pin in pyproject.toml")


def test_the_pin_in_pyproject_is_the_tested_range() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    low, high = mkdocs_api.TESTED
    assert f'"mkdocs>={low},<{high}"' in text


def test_the_live_reload_server_takes_a_rebuild_request() -> None:
    """The private part: a real MkDocs live-reload server, asked to rebuild, wakes its
    build loop exactly as a watched file's change does."""
    from mkdocs.livereload import LiveReloadServer

    with socket.socket() as probe:  # a free local port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    builds: list[int] = []
    server = LiveReloadServer(builder=lambda: builds.append(1), host="127.0.0.1", port=port, root="/nonexistent",
                              shutdown_delay=0.05)
    try:
        assert mkdocs_api.takes_rebuild_requests(server)
        woken = threading.Event()

        def wait_for_request() -> None:
            with server._rebuild_cond:
                if server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=5):
                    woken.set()

        waiter = threading.Thread(target=wait_for_request)
        waiter.start()
        mkdocs_api.ask_to_rebuild(server)
        waiter.join(5)
        assert woken.is_set()
    finally:
        server.server_close()
    assert not mkdocs_api.takes_rebuild_requests(object())  # another server: MkDocs' own watcher stays


def test_no_other_module_imports_mkdocs() -> None:
    found = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        if path.name == "mkdocs_api.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert found == []

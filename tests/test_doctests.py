"""The examples in the package's docstrings run as tests: every ``>>>`` under ``tui/``.

A test module rather than ``--doctest-modules``: that option would also import each
``conftest.py`` as a module named ``conftest``, and the app tests' ``from conftest import``
finds ``tests/app/conftest.py`` under that name ("import file mismatch" at collection).
"""

from __future__ import annotations

import doctest
import importlib
import io
from pathlib import Path

import pytest

import tui

PACKAGE = Path(tui.__file__).parent


def modules_with_examples() -> list[str]:
    """Dotted names of the package's modules whose source holds an example."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if ">>>" in path.read_text(encoding="utf-8"):
            parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


MODULES = modules_with_examples()


def test_the_examples_are_found():
    """The package has examples, in the engine and the app alike (a broken search above
    would otherwise make this file run nothing)."""
    assert any(m.startswith("tui.engine.") for m in MODULES)
    assert any(m.startswith("tui.app.") for m in MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    tests = doctest.DocTestFinder().find(module)
    written = Path(module.__file__).read_text(encoding="utf-8").count(">>>")
    found = sum(len(test.examples) for test in tests)
    # an example where doctest does not look (a comment, a nested function) would never run
    assert found == written, f"{name}: {written} examples written, {found} found by doctest"
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in tests:
        runner.run(test, out=report.write)
    assert runner.failures == 0, report.getvalue()

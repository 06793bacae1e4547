"""The engine never imports Textual or Rich (checked in a fresh interpreter, and in every
module's source), and its stages import only the stages before them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import tui.engine


@pytest.mark.parametrize(
    "modules",
    [
        # the engine's entry points
        "tui.engine, tui.engine.pipeline, tui.engine.text.load",
        # loading, segmenting and every export format
        "tui.engine.text.segment, tui.engine.text.language, tui.engine.text.markup, "
        "tui.engine.export.text, tui.engine.export.json",
        # the command line itself: the app is imported lazily
        "tui.cli",
    ],
)
def test_no_ui_library_is_imported(modules: str) -> None:
    code = (
        f"import sys, {modules}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- which package of the engine may import which (tui/engine/ARCHITECTURE.md) ---------------

ENGINE = Path(tui.engine.__file__).parent
LEAVES = {"model", "errors", "util", "tuning"}
STAGES = ("text", "scoring", "align", "detect")  # each may import the stages before it
# What each part of the engine may import besides the standard library and its own modules.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "tuning": set(),  # every parameter that changes results: read by every stage
    "tuning_table": {"tuning"},  # prints the record's table (python -m)
    "model": {"errors", "tuning"},  # CompareOptions carries the tuning
    "util": set(),
    **{stage: LEAVES | set(STAGES[:k]) for k, stage in enumerate(STAGES)},
    "pipeline": LEAVES | set(STAGES),  # composes the stages
    "targets": LEAVES | set(STAGES) | {"pipeline"},  # one source against several targets
    # alignment corrections by hand: re-run the pipeline's sentence stage and the detectors
    "corrections": LEAVES | set(STAGES) | {"pipeline"},
    # the reviewer's decisions, notes and corrections (a type only), saved beside the files
    "review": LEAVES | {"corrections"},
    "notes": LEAVES,
    "target_sessions": LEAVES | {"review"},
    "evaluation": LEAVES,  # strict and lax link scores against gold alignments
    "__init__": LEAVES,
    # reports read finished results (a Comparison, its review, several targets)
    "export": LEAVES | {"review", "targets", "tui"},
}
UI_LIBRARIES = {"textual", "rich"}


def engine_part(path: Path) -> str:
    """The part of the engine a module belongs to: its package (``text``, ``detect``, ...)
    or, for a module at the top of ``tui/engine``, its own name."""
    relative = path.relative_to(ENGINE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imported_names(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function (lazy imports count)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def imported_part(name: str) -> str | None:
    """The engine part (or "tui", the package root) of an import; None outside the engine."""
    parts = name.split(".")
    if parts[:2] == ["tui", "engine"]:
        return parts[2] if len(parts) > 2 else "__init__"
    if parts[0] == "tui":
        return "tui" if len(parts) == 1 else ".".join(parts[:2])
    return None


ENGINE_MODULES = sorted(ENGINE.rglob("*.py"))


def test_every_engine_module_is_in_the_table():
    assert ENGINE_MODULES
    assert {engine_part(path) for path in ENGINE_MODULES} <= ALLOWED.keys()


@pytest.mark.parametrize("path", ENGINE_MODULES, ids=lambda p: str(p.relative_to(ENGINE)))
def test_engine_imports_follow_the_stages(path: Path) -> None:
    part = engine_part(path)
    wrong = set()
    for name in imported_names(path):
        if name.split(".")[0] in UI_LIBRARIES:
            wrong.add(name)  # the engine never imports Textual or Rich, not even lazily
        target = imported_part(name)
        if target is not None and target != part and target not in ALLOWED[part]:
            wrong.add(name)  # a later stage, the app, the command line, ...
    assert not wrong, f"{part} may import only {sorted(ALLOWED[part])}"


def test_no_module_on_a_test_path_shadows_the_standard_library():
    """pytest puts each test folder (no __init__.py) first on sys.path: a module there named
    like one of the standard library's (``numbers.py``) would replace it for every test.
    Modules inside the package are imported by dotted name and may reuse such names
    (``tui.engine.export.json``)."""
    tests = Path(__file__).resolve().parents[1]
    shadowing = [
        path.relative_to(tests)
        for path in tests.rglob("*.py")
        if path.stem in sys.stdlib_module_names and "__snapshots__" not in path.parts
    ]
    assert shadowing == []

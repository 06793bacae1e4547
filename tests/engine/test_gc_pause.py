from __future__ import annotations

import gc

import pytest

from tui.engine.errors import ComparisonCancelled
from tui.engine.model import CompareOptions
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text
from tui.engine.util.gc_pause import cyclic_gc_paused

SOURCE = article_from_text("Der Berg misst 8481 m.\n\nDie Expedition kam am 12. Juni an.")
TARGET = article_from_text("La montagne mesure 8481 m.\n\nL'expédition arriva le 12 juin.")


def test_compare_pauses_the_collector_and_switches_it_back_on():
    seen: list[bool] = []
    compare(
        SOURCE,
        TARGET,
        options=CompareOptions(scorer="lexical"),
        progress=lambda _fraction, _stage: seen.append(gc.isenabled()),
    )
    assert seen
    assert not any(seen)
    assert gc.isenabled()


def test_a_cancelled_compare_switches_the_collector_back_on():
    with pytest.raises(ComparisonCancelled):
        compare(SOURCE, TARGET, options=CompareOptions(scorer="lexical"), cancelled=lambda: True)
    assert gc.isenabled()


def test_nested_pauses_end_with_the_outermost_and_keep_a_disabled_collector_off():
    with cyclic_gc_paused():
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def _probe(_comparison, _options) -> str:
    return f"collector on: {gc.isenabled()}"


def test_a_report_is_rendered_with_the_collector_paused(monkeypatch):
    from tui.engine.export import FORMATS, ExportFormat, render

    monkeypatch.setitem(FORMATS, "probe", ExportFormat("probe", "txt", "", f"{__name__}:_probe"))
    comparison = compare(SOURCE, TARGET, options=CompareOptions(scorer="lexical"))
    assert render("probe", comparison) == "collector on: False"
    assert gc.isenabled()

from __future__ import annotations

import os

import pytest
from small_pair import DE, FR

from tui.engine.detect import findings
from tui.engine.model import CompareOptions, FindingKind
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text
from tui.engine.util.forked import Forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def test_the_child_computes_in_its_own_process_and_the_parent_gets_the_value():
    with Forked(lambda: (os.getpid(), [1, 2, 3])) as child:
        pid, value = child.result()
    assert value == [1, 2, 3]
    assert pid != os.getpid()


def test_an_exception_in_the_child_is_raised_by_result():
    def fails() -> None:
        raise ValueError("in the child")

    with pytest.raises(ValueError, match="in the child"), Forked(fails) as child:
        child.result()


def test_a_child_that_dies_without_a_result_has_the_work_done_here():
    parent = os.getpid()

    def dies_in_the_child() -> int:
        if os.getpid() != parent:
            os._exit(3)
        return 42

    assert Forked(dies_in_the_child).result() == 42


def test_where_no_process_can_be_started_the_work_is_done_here(monkeypatch):
    def refused() -> int:
        raise BlockingIOError("fork: Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    with Forked(os.getpid) as child:
        assert child.result() == os.getpid()


def test_detection_split_over_two_processes_finds_the_same(monkeypatch):
    changed = [sentence.replace("2018", "2019") for sentence in FR]  # a number mismatch
    source = article_from_text("\n\n".join(DE * 3))
    target = article_from_text("\n\n".join(FR + changed + FR[1:]))  # and one dropped line
    options = CompareOptions(scorer="lexical")
    alone = compare(source, target, options=options)
    assert alone.findings
    here: list[int] = []  # groups whose detectors ran in this process
    original = findings._link_drafts
    monkeypatch.setattr(findings, "PARALLEL_LINKS", 2)
    monkeypatch.setattr(findings, "can_fork", lambda: True)
    monkeypatch.setattr(
        findings,
        "_link_drafts",
        lambda context, groups, done: here.append(len(groups)) or original(context, groups, done),
    )
    together = compare(source, target, options=options)
    two_sided = [link for link in together.links if link.source and link.target]
    assert 0 < sum(here) < len(two_sided)  # the child ran the others
    assert together.findings == alone.findings


def test_a_target_loaded_in_a_forked_process_gives_the_same_report(tmp_path, monkeypatch):
    from tui import cli

    source, target = tmp_path / "a.de.txt", tmp_path / "a.fr.txt"
    source.write_text("\n\n".join(DE), encoding="utf-8")
    target.write_text("\n\n".join(FR[:3]), encoding="utf-8")
    reports = []
    for parallel in (False, True):
        monkeypatch.setattr(cli, "PARALLEL_LOAD_BYTES", 0 if parallel else 2**40)
        monkeypatch.setattr(cli, "can_fork", lambda: True)
        out = tmp_path / f"report-{parallel}.json"
        cli.main(
            [str(source), str(target), "--format", "json", "--scorer", "lexical", "-o", str(out)]
        )
        reports.append(out.read_bytes())
    assert reports[0] == reports[1]


def test_a_target_that_cannot_be_loaded_is_reported_as_without_a_fork(
    tmp_path, monkeypatch, capsys
):
    from tui import cli

    source = tmp_path / "a.de.txt"
    source.write_text("\n\n".join(DE), encoding="utf-8")
    empty = tmp_path / "empty.fr.txt"
    empty.write_text("   \n", encoding="utf-8")
    monkeypatch.setattr(cli, "PARALLEL_LOAD_BYTES", 0)
    monkeypatch.setattr(cli, "can_fork", lambda: True)
    assert cli.main([str(source), str(empty), "--format", "json"]) == 2
    assert "empty" in capsys.readouterr().err


def _count_forks(monkeypatch, module, threshold: str) -> list[int]:
    """Make ``module`` fork for any size (its ``threshold`` at 0, forking allowed) and
    count the forks it starts: one entry per fork in the returned list."""
    forks: list[int] = []
    original = module.Forked

    def counted(function):
        forks.append(1)
        return original(function)

    monkeypatch.setattr(module, threshold, 0)
    monkeypatch.setattr(module, "can_fork", lambda: True)
    monkeypatch.setattr(module, "Forked", counted)
    return forks


def test_sentences_prepared_in_a_forked_process_align_the_same(monkeypatch):
    from tui.engine import pipeline

    changed = [sentence.replace("2018", "2019") for sentence in FR]
    source = article_from_text("\n\n".join(DE * 3))
    target = article_from_text("\n\n".join(FR + changed + FR[1:]))
    options = CompareOptions(scorer="lexical")
    alone = compare(source, target, options=options)
    forks = _count_forks(monkeypatch, pipeline, "PARALLEL_SENTENCES")
    together = compare(source, target, options=options)
    assert forks
    assert together == alone


def test_paragraph_detectors_run_while_sentences_are_aligned_find_the_same(monkeypatch):
    from tui.engine import pipeline

    changed = [sentence.replace("2018", "2019") for sentence in FR]
    source = article_from_text("\n\n".join(DE * 3))
    target = article_from_text("\n\n".join(FR + changed + FR[1:]))
    options = CompareOptions(scorer="lexical")
    alone = compare(source, target, options=options)
    assert any(f.kind is FindingKind.NUMBER_MISMATCH for f in alone.findings)
    taken: list[int] = []
    original = findings.find_all

    def find_all(context, *, parallel=False, early=None):
        taken.append(len(early or ()))
        return original(context, parallel=parallel, early=early)

    monkeypatch.setattr(pipeline, "PARALLEL_LINKS", 0)
    monkeypatch.setattr(pipeline, "can_fork", lambda: True)
    monkeypatch.setattr(pipeline, "find_all", find_all)
    together = compare(source, target, options=options)
    two_sided = [link for link in alone.links if link.source and link.target]
    # the paragraph detectors ran in the fork, but every EARLY_SKIP-th link's in find_all
    early = [
        link
        for k, link in enumerate(alone.links, 1)
        if k % pipeline.EARLY_SKIP and link.source and link.target
    ]
    assert taken == [len(early)]
    assert 0 < len(early) < len(two_sided)
    assert together == alone


def test_target_features_read_in_a_forked_process_score_the_same(monkeypatch):
    import numpy as np

    from tui.engine.scoring import lexical

    source, target = [*DE, *FR], [*FR, *DE]
    alone = lexical.LexicalScorer().prepare(source, target)
    forks = _count_forks(monkeypatch, lexical, "PARALLEL_SEGMENTS")
    lexical.segment_features.cache_clear()  # the child reads them afresh
    together = lexical.LexicalScorer().prepare(source, target)
    assert forks
    every = np.arange(len(source))
    spans = (every, every + 1, every, every + 1)
    assert np.array_equal(alone.score(*spans), together.score(*spans))
    assert alone.anchor_pairs() == together.anchor_pairs()


def test_a_helper_forks_no_helper_of_its_own():
    from tui.engine.util.forked import can_fork

    with Forked(can_fork) as child:
        assert child.result() is False


def test_model_records_pickle_as_their_constructor_call() -> None:
    """Forked helpers send articles, links and locations back pickled, as constructor calls
    (model._by_fields): every field, in order, defaults overridden, comes back equal."""
    import pickle

    from tui.engine.model import Article, Link, Location, Paragraph, SentenceLink, Span

    paragraph = Paragraph("Ein Satz. Noch einer.", (Span(0, 9), Span(10, 21)), "de", "heading", 7)
    records = [
        Span(3, 8),
        paragraph,
        Article((paragraph,), "a.de.txt", "de", "latin-1", ("legacy encoding",)),
        Link((1, 2), (3,), 0.25, manual=True),
        SentenceLink(((1, 0),), ((3, 0), (3, 1)), -1.5, manual=True),
        Location(4, 2, 9),
    ]
    for record in records:
        copy = pickle.loads(pickle.dumps(record, pickle.HIGHEST_PROTOCOL))
        assert copy == record
        assert type(copy) is type(record)

"""One source against several targets: each pair compared by ``pipeline.compare``, then which
source paragraphs the targets have in common.

Each comparison is exactly what a two-file run computes for that pair. The targets run one
after the other in this process unless the caller asks for processes (``jobs``) and the
scorer is lexical: on two cores, a pool of two was slower at every size measured
(``benchmarks/targets_speed.py``), and the semantic scorer embeds with every core already and
keeps one model and the source's vectors (through the embedding cache) for all targets,
where each process would load and embed them again.

>>> from tui.engine.text.load import article_from_text
>>> source = article_from_text("Eins.\\n\\nZwei.\\n\\nDrei.", language="de")
>>> first = article_from_text("Un.\\n\\nDeux.", language="fr")
>>> second = article_from_text("One.", language="en")
>>> result = compare_targets(source, [first, second], options=CompareOptions(scorer="lexical"))
>>> len(result.comparisons)
2
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from enum import StrEnum

from tui.engine.model import Article, CompareOptions, Comparison, FindingKind
from tui.engine.pipeline import ProgressCallback, compare
from tui.engine.scoring.registry import semantic_available
from tui.engine.util.cores import usable_cores


class CoverageMark(StrEnum):
    """A source paragraph that is missing from all but at most one target."""

    IN_NO_TARGET = "in_no_target"
    IN_ONE_TARGET = "in_one_target"


@dataclass(frozen=True, slots=True)
class Coverage:
    """Which targets have source paragraph ``paragraph`` (indices into the targets)."""

    paragraph: int
    present_in: tuple[int, ...]
    mark: CoverageMark


@dataclass(frozen=True, slots=True)
class TargetsComparison:
    """The source compared with each target, in the order the targets were given."""

    source: Article
    comparisons: tuple[Comparison, ...]

    @property
    def targets(self) -> tuple[Article, ...]:
        return tuple(c.target for c in self.comparisons)

    def coverage(self) -> tuple[Coverage, ...]:
        return coverage(self.comparisons)


def missing_source_paragraphs(comparison: Comparison) -> set[int]:
    """Source paragraphs the target lacks: those a ``paragraph_only_in_source`` finding flags."""
    return {
        f.source.paragraph
        for f in comparison.findings
        if f.kind is FindingKind.PARAGRAPH_ONLY_IN_SOURCE and f.source is not None
    }


def coverage(comparisons: Sequence[Comparison]) -> tuple[Coverage, ...]:
    """The marked source paragraphs, in order: in no target, or (of two or more) in only one.

    With a single target nothing is marked: its own findings already say it.
    """
    if len(comparisons) < 2:
        return ()
    missing = [missing_source_paragraphs(c) for c in comparisons]
    marked = []
    for paragraph in sorted(set().union(*missing)):
        present = tuple(k for k, lacks in enumerate(missing) if paragraph not in lacks)
        if len(present) <= 1:
            mark = CoverageMark.IN_NO_TARGET if not present else CoverageMark.IN_ONE_TARGET
            marked.append(Coverage(paragraph, present, mark))
    return tuple(marked)


def parallel_plan(
    targets: Sequence[Article], options: CompareOptions, jobs: int | None = None
) -> int:
    """How many processes to compare ``targets`` in: 1 means here, one after the other.

    Only when asked (``jobs`` of 2 or more) and only for the lexical scorer: the semantic one
    keeps one model and the source's cached vectors in one process, and uses every core.
    """
    if jobs is None or jobs < 2 or len(targets) < 2:
        return 1
    scorer = options.scorer.strip().lower()
    if scorer == "semantic" or (scorer == "auto" and semantic_available()):
        return 1
    return min(jobs, len(targets), usable_cores())


def compare_targets(
    source: Article,
    targets: Sequence[Article],
    *,
    options: CompareOptions | None = None,
    jobs: int | None = None,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> TargetsComparison:
    """Compare ``source`` with every target; ``progress`` gets the fraction of all the work.

    ``jobs`` of 2 or more compares lexical targets in that many processes (``parallel_plan``).
    """
    options = options or CompareOptions()
    workers = parallel_plan(targets, options, jobs)
    if workers > 1:
        return TargetsComparison(source, _in_processes(source, targets, options, workers, progress))
    results = []
    for k, target in enumerate(targets):

        def step(fraction: float, stage: str, k: int = k) -> None:
            if progress is not None:
                progress((k + fraction) / len(targets), f"target {k + 1}/{len(targets)}: {stage}")

        results.append(compare(source, target, options=options, progress=step, cancelled=cancelled))
    return TargetsComparison(source, tuple(results))


def _in_processes(
    source: Article,
    targets: Sequence[Article],
    options: CompareOptions,
    workers: int,
    progress: ProgressCallback | None,
) -> tuple[Comparison, ...]:
    # forkserver, as batch mode: a fork of a process whose model threads run can hang.
    context = multiprocessing.get_context("forkserver")
    done = 0
    results: list[Comparison | None] = [None] * len(targets)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_compare_one, source, t, options) for t in targets]
        for k, future in enumerate(futures):
            results[k] = future.result()
            done += 1
            if progress is not None:
                progress(done / len(targets), f"{done}/{len(targets)} targets compared")
    return tuple(r for r in results if r is not None)


def _compare_one(source: Article, target: Article, options: CompareOptions) -> Comparison:
    return compare(source, target, options=options)

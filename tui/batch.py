"""Batch mode: compare many article pairs in parallel and print one line (or JSON object) each.

Pairs come from two folders (``story.de.txt`` pairs with ``story.fr.txt``: a trailing language
code before the extension is ignored; the same file name in both folders pairs too) or from a
list file with one ``SOURCE<TAB>TARGET`` per line (two space-separated fields do too), relative
paths being relative to the list. Paths are shown normalised (``lst/../b`` as ``b``).

Exit status: 2 when any pair could not be compared, else 1 when any pair has findings, else 0.
A pair that fails (an internal error included: a bug, reported in the pair's line, its
traceback with ``--debug``), or a list line that cannot be read, never stops the others.
Files with no partner are reported, not compared. Each pair carries the warnings single
mode would print.

>>> language_free_stem("story.de.txt"), language_free_stem("story.zh-cn.md")
('story', 'story')
>>> language_free_stem("story.txt"), language_free_stem("notes.final.txt")
('story', 'notes.final')
>>> _plural(1, "pair"), _plural(2, "pair")
('1 pair', '2 pairs')
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from tui.engine.errors import InputError, TransdiffError
from tui.engine.model import Article, CompareOptions, FindingKind
from tui.internal_error import InternalError

FORMATS = ("text", "json")

_LANGUAGE_SUFFIX = re.compile(r"^(.+)\.[A-Za-z]{2}(?:[-_][A-Za-z]{2,4})?$")
_SKIPPED_SUFFIXES = (".transdiff.json",)  # review sessions live next to the target files


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _shown(path: str | Path) -> str:
    """A path as users read it: ``..`` and ``.`` folded away, still relative as given."""
    return os.path.normpath(path)


def language_free_stem(name: str) -> str:
    """The file name without extension and without a trailing ``.xx`` language code."""
    stem = Path(name).stem
    match = _LANGUAGE_SUFFIX.match(stem)
    return match.group(1) if match else stem


@dataclass(frozen=True, slots=True)
class Plan:
    """What to compare: ordered (source, target) pairs and the files that found no partner.

    ``rejected`` holds list lines that could not be read, as (position among the pairs, message):
    they are reported as failed pairs in their place, so the rest of the list still runs.
    """

    pairs: tuple[tuple[Path, Path], ...]
    unpaired: tuple[tuple[Path, str], ...] = ()  # (file, why)
    rejected: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class PairResult:
    source: str | None  # None for a list line that named no readable pair
    target: str | None
    status: str  # "ok" or "error"
    error: str | None = None
    summary: dict[str, int] = field(default_factory=dict)
    findings: int = 0
    warnings: tuple[str, ...] = ()  # what single mode prints as "warning:" for this pair
    traceback: str | None = None  # of an internal error, printed with --debug only

    def as_json(self) -> str:
        return json.dumps(
            {
                "source": self.source,
                "target": self.target,
                "status": self.status,
                "error": self.error,
                "summary": self.summary if self.status == "ok" else None,
                "findings": self.findings,
                "warnings": list(self.warnings),
            },
            ensure_ascii=False,
        )

    def as_line(self) -> str:
        # The warnings go on indented lines below: without them a target left mostly
        # untranslated, or the same language twice, would read as a clean "no findings".
        notes = "".join(f"\n  warning: {w}" for w in self.warnings)
        if self.source is None or self.target is None:
            return f"error: {self.error}{notes}"
        head = f"{self.source} ↔ {self.target}: "
        if self.status != "ok":
            return f"{head}error: {self.error}{notes}"
        if not self.findings:
            return f"{head}no findings{notes}"
        kinds = ", ".join(f"{n} {kind}" for kind, n in self.summary.items() if n)
        return f"{head}{_plural(self.findings, 'finding')} ({kinds}){notes}"


def _articles(folder: Path) -> list[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise InputError(f"{folder}: cannot list the folder ({exc.strerror})") from exc
    return [
        p
        for p in entries
        if not p.name.startswith(".") and not p.name.endswith(_SKIPPED_SUFFIXES) and p.is_file()
    ]


def pair_folders(source_dir: Path, target_dir: Path) -> Plan:
    """Pair the files of two folders: same name first, then same language-free stem."""
    sources, targets = _articles(source_dir), _articles(target_dir)
    by_name = {p.name: p for p in targets}
    pairs: list[tuple[Path, Path]] = []
    left_sources = []
    for source in sources:
        target = by_name.pop(source.name, None)
        if target is None:
            left_sources.append(source)
        else:
            pairs.append((source, target))
    stems: dict[str, tuple[list[Path], list[Path]]] = {}
    for source in left_sources:
        stems.setdefault(language_free_stem(source.name), ([], []))[0].append(source)
    for target in by_name.values():
        stems.setdefault(language_free_stem(target.name), ([], []))[1].append(target)
    unpaired: list[tuple[Path, str]] = []
    for a, b in stems.values():
        if len(a) == 1 and len(b) == 1:
            pairs.append((a[0], b[0]))
            continue
        for path, other in [(p, target_dir) for p in a] + [(p, source_dir) for p in b]:
            partners = b if path in a else a
            why = f"{len(partners)} candidates" if partners else "no partner"
            unpaired.append((path, f"{why} in {_shown(other)}"))
    pairs.sort(key=lambda pair: pair[0].name)
    unpaired.sort()
    return Plan(tuple(pairs), tuple(unpaired))


def _list_fields(line: str) -> list[str] | str:
    """A list line's paths (a source and one or more targets), or why it names no pair.

    >>> _list_fields("a b.txt\\tc.txt"), _list_fields("a.txt  c.txt")
    (['a b.txt', 'c.txt'], ['a.txt', 'c.txt'])
    >>> _list_fields("a.txt\\tb.fr.txt\\tb.en.txt")
    ['a.txt', 'b.fr.txt', 'b.en.txt']
    >>> _list_fields("my story.txt c.txt")
    'expected SOURCE<TAB>TARGET, found 3 fields separated by spaces'
    >>> _list_fields("a.txt\\t\\tc.txt")
    'expected SOURCE<TAB>TARGET, found an empty field'
    """
    if "\t" in line:
        fields = [f.strip() for f in line.split("\t")]
        if all(fields):
            return fields
        return "expected SOURCE<TAB>TARGET, found an empty field"
    # Editors and copy-paste often turn the tab into spaces; two fields are still unambiguous.
    fields = line.split()
    if len(fields) == 2:
        return fields
    return f"expected SOURCE<TAB>TARGET, found {len(fields)} fields separated by spaces"


def read_list(list_file: Path) -> Plan:
    """Pairs from a ``SOURCE<TAB>TARGET`` list; blank lines and ``#`` comments are skipped.

    A line ``SOURCE<TAB>TARGET1<TAB>TARGET2...`` gives one pair per target, in order.
    """
    try:
        text = list_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{list_file}: cannot read the list of pairs ({exc})") from exc
    base = list_file.parent
    pairs: list[tuple[Path, Path]] = []
    rejected: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = _list_fields(line)
        if isinstance(fields, str):
            # One bad line fails like one bad pair: reported in its place, the rest still run.
            rejected.append((len(pairs) + len(rejected), f"{_shown(list_file)}:{number}: {fields}"))
            continue
        pairs.extend((base / fields[0], base / target) for target in fields[1:])
    if not pairs and not rejected:
        raise InputError(f"{list_file}: the list of pairs is empty")
    return Plan(tuple(pairs), rejected=tuple(rejected))


def plan(paths: Sequence[str | Path]) -> Plan:
    """Two folders, or one list file; anything else is an InputError with a usable message."""
    items = [Path(p) for p in paths]
    if len(items) == 2:
        for item in items:
            if not item.is_dir():
                raise InputError(f"{item}: not a folder (--batch takes two folders or a list file)")
        return pair_folders(items[0], items[1])
    if len(items) == 1:
        if items[0].is_dir():
            raise InputError(f"{items[0]}: --batch takes two folders or one list file")
        if not items[0].exists():
            raise InputError(f"{items[0]}: no such list file")
        return read_list(items[0])
    raise InputError("--batch takes two folders (DIR_A DIR_B) or one list file")


@dataclass(frozen=True, slots=True)
class PairTexts:
    """A pair's file contents, read where the files are, to be compared elsewhere (a Dask
    worker); ``same_file`` is what the file system there said of the two paths."""

    source: bytes
    target: bytes
    same_file: bool


def compare_pair(
    source: str, target: str, options: CompareOptions, texts: PairTexts | None = None
) -> PairResult:
    """Load and compare one pair; every failure becomes an error result, never an exception.

    With ``texts`` the files are not opened: their bytes came with the task.
    """
    # Imported here so that worker processes pay for the engine once, and the CLI not at all.
    from tui.engine.pipeline import compare
    from tui.engine.text.load import article_from_bytes, input_warnings, load_article

    def load(path: str, data: bytes | None, language: str | None) -> Article:
        if data is None:
            return load_article(path, language=language)
        return article_from_bytes(data, path=path, language=language)

    current = source
    try:
        source_article = load(source, texts.source if texts else None, options.source_lang)
        current = target
        target_article = load(target, texts.target if texts else None, options.target_lang)
        comparison = compare(source_article, target_article, options=options)
        said = input_warnings(
            source,
            target,
            source_article,
            target_article,
            same_file=texts.same_file if texts is not None else None,
        )
    except TransdiffError as exc:
        return PairResult(source, target, "error", str(exc))
    except UnicodeDecodeError:
        return PairResult(source, target, "error", f"{current}: not readable as text")
    except OSError as exc:
        return PairResult(source, target, "error", f"{current}: cannot read ({exc.strerror})")
    except Exception as exc:  # a bug: this pair fails, the batch goes on
        error = InternalError.of(exc)
        return PairResult(source, target, "error", error.message, traceback=error.traceback)
    warnings = (*said, *(w for w in comparison.warnings if w not in said))
    summary = comparison.summary()
    return PairResult(source, target, "ok", None, summary, len(comparison.findings), warnings)


def read_pair(source: str, target: str, options: CompareOptions) -> PairTexts | PairResult:
    """Both files' bytes for a comparison elsewhere, or the error result a local run gives."""
    from tui.engine.text.load import is_same_file, read_article_bytes

    try:
        source_bytes = read_article_bytes(source)
        target_bytes = read_article_bytes(target)
    except TransdiffError:
        # Nothing to compare; a local run says what is wrong, the source's trouble first.
        return compare_pair(source, target, options)
    return PairTexts(source_bytes, target_bytes, is_same_file(source, target))


class _Progress:
    """A one-line bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream, self.total, self.done = stream, total, 0
        self.enabled = total > 0 and stream.isatty()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")

    def step(self) -> None:
        self.done += 1
        self.draw()

    def draw(self) -> None:
        if self.enabled:
            width = 30
            filled = width * self.done // self.total
            bar = "█" * filled + "░" * (width - filled)
            self.stream.write(f"\r{bar} {self.done}/{self.total} pairs")
            self.stream.flush()


def _results(pairs: list[tuple[str, str]], jobs: int, options: CompareOptions):
    """Yield (index, result) as pairs finish; one process per job, in-process for one job."""
    if jobs <= 1 or len(pairs) <= 1:
        for index, (source, target) in enumerate(pairs):
            yield index, compare_pair(source, target, options)
        return
    from concurrent.futures import as_completed

    # forkserver: a child forked from a parent whose model threads are running can hang in
    # the model's thread pool; fresh workers start clean (and still share no state).
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=min(jobs, len(pairs)), mp_context=context) as pool:
        futures: dict[Future[PairResult], int] = {
            pool.submit(compare_pair, s, t, options): i for i, (s, t) in enumerate(pairs)
        }
        try:
            for future in as_completed(futures):
                index = futures[future]
                try:
                    yield index, future.result()
                except BrokenProcessPool:
                    s, t = pairs[index]
                    yield index, PairResult(s, t, "error", "the worker process died")
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _pair_results(
    pairs: list[tuple[str, str]],
    jobs: int | None,
    options: CompareOptions,
    scheduler: str | None,
    err: TextIO,
) -> Iterator[tuple[int, PairResult]]:
    if scheduler is None:
        return _results(pairs, jobs or os.cpu_count() or 1, options)
    if jobs is not None:
        err.write("transdiff: warning: --jobs is ignored with --scheduler (the workers decide)\n")
    from tui.distributed import distributed_results

    return distributed_results(pairs, scheduler, options)


def run_batch(
    paths: Sequence[str | Path],
    *,
    fmt: str = "text",
    jobs: int | None = None,
    options: CompareOptions | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    scheduler: str | None = None,
    debug: bool = False,
) -> int:
    """Compare every pair named by ``paths`` and report; returns the exit status (0, 1 or 2).

    ``scheduler`` (a Dask scheduler's address) runs the pairs on that cluster instead of local
    processes (``tui.distributed``, imported only then); the output is the same. A pair that
    meets an internal error is reported failed like any other; ``debug`` adds its traceback
    on ``err``.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    options = options or CompareOptions()
    try:
        if fmt not in FORMATS:
            raise InputError(f"--batch writes {' or '.join(FORMATS)}, not {fmt}")
        if jobs is not None and jobs < 1:
            raise InputError("--jobs must be at least 1")
        batch = plan(paths)
    except InputError as exc:
        err.write(f"transdiff: error: {exc}\n")
        return 2
    pairs = [(_shown(s), _shown(t)) for s, t in batch.pairs]
    progress = _Progress(err, len(pairs))
    # Rejected list lines take their slots up front; the compared pairs fill the others.
    results: list[PairResult | None] = [None] * (len(pairs) + len(batch.rejected))
    for position, message in batch.rejected:
        results[position] = PairResult(None, None, "error", message)
    slots = [i for i, r in enumerate(results) if r is None]
    printed = 0

    def flush() -> None:
        # Print in input order so output is stable whatever order workers finish in.
        nonlocal printed
        while printed < len(results) and results[printed] is not None:
            progress.clear()
            done = results[printed]
            assert done is not None
            out.write((done.as_json() if fmt == "json" else done.as_line()) + "\n")
            out.flush()
            if debug and done.traceback:
                err.write(done.traceback)
                err.flush()
            progress.draw()
            printed += 1

    progress.draw()
    try:
        flush()
        for index, result in _pair_results(pairs, jobs, options, scheduler, err):
            results[slots[index]] = result
            progress.step()
            flush()
    except KeyboardInterrupt:
        progress.clear()
        err.write("transdiff: error: interrupted\n")
        return 130
    except TransdiffError as exc:  # the cluster could not be reached or went away
        progress.clear()
        err.write(f"transdiff: error: {exc}\n")
        return 2
    progress.clear()
    finished = [r for r in results if r is not None]
    _report_totals(finished, batch.unpaired, fmt, out, err)
    if any(r.status != "ok" for r in finished):
        return 2
    return 1 if any(r.findings for r in finished) else 0


def _report_totals(
    results: list[PairResult],
    unpaired: tuple[tuple[Path, str], ...],
    fmt: str,
    out: TextIO,
    err: TextIO,
) -> None:
    errors = sum(r.status != "ok" for r in results)
    with_findings = sum(bool(r.findings) for r in results)
    findings = sum(r.findings for r in results)
    # JSON Lines output stays one object per pair; the rest goes to stderr there.
    stream = err if fmt == "json" else out
    for path, why in unpaired:
        stream.write(f"unpaired: {_shown(path)} ({why})\n")
    kinds = {k.value: sum(r.summary.get(k.value, 0) for r in results) for k in FindingKind}
    detail = ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
    stream.write(
        f"{_plural(len(results), 'pair')}: {len(results) - errors} compared, "
        f"{_plural(errors, 'error')}; {with_findings} with findings, "
        f"{_plural(findings, 'finding')}{f' ({detail})' if detail else ''}"
        f"{f'; {len(unpaired)} unpaired' if unpaired else ''}\n"
    )

"""``transdiff SOURCE TARGET1 TARGET2 ...``: one source against several translations.

Each target is compared with the source exactly as a two-file run would compare that pair
(``tui.engine.targets``). On a terminal the review app opens with a key to cycle the targets;
otherwise one report covers them all (``json``, ``text``, ``markdown``), or the formats that
hold one pair write one file per target. Exit status as for two files: 2 on any error (nothing
is compared when one file cannot be read), else 1 when any target has findings, else 0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from tui.cli import _corrected, _Progress, _use_color, _warn, _write_output, _write_stdout
from tui.engine.errors import TransdiffError
from tui.engine.export import ExportOptions, render
from tui.engine.export.targets import COMBINED, one_file_per_target, render_targets
from tui.engine.model import Article, CompareOptions
from tui.engine.notes import with_editor_notes
from tui.engine.target_sessions import default_targets_session_path, read_target_sessions
from tui.engine.targets import TargetsComparison, compare_targets
from tui.engine.text.load import input_warnings, load_article


def run_targets(args: argparse.Namespace, options: CompareOptions, fmt: str | None) -> int:
    """Compare ``args.source`` with ``args.target`` and ``args.more_targets``; the exit status."""
    target_paths = [args.target, *args.more_targets]
    fmt_name = fmt or ("text" if args.output or not sys.stdout.isatty() else None)
    if fmt_name is not None and fmt_name not in COMBINED and args.output is None:
        raise TransdiffError(
            f"--format {fmt_name} holds one pair per file: with several targets give "
            "-o FILE, which writes one file per target"
        )
    source = load_article(args.source, language=args.source_lang)
    targets = [load_article(path, language=args.target_lang) for path in target_paths]
    said: set[str] = set()
    for path, target in zip(target_paths, targets, strict=True):
        for message in input_warnings(args.source, path, source, target):
            _say_once(message, args.source, path, said)

    session_path = Path(args.session) if args.session else default_targets_session_path(args.source)
    if fmt is None and args.output is None and sys.stdout.isatty() and sys.stdin.isatty():
        status = _run_app(source, targets, options, session_path, sorted(said), debug=args.debug)
        if status is not None:
            return status
        fmt_name = "text"
    progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
    try:
        result = compare_targets(
            source, targets, options=options, jobs=args.jobs, progress=progress
        )
    finally:
        if progress is not None:
            progress.clear()
    for comparison in result.comparisons:
        for message in comparison.warnings:
            _say_once(message, args.source, comparison.target.name, said)

    sessions, warnings = read_target_sessions(session_path, target_paths)
    for warning in warnings:
        _warn(warning)
    # Each target's own alignment corrections, as a single pair's report applies them, and the
    # editor's own findings (notes on rows without one): findings of the reports too.
    result = replace(
        result,
        comparisons=tuple(
            with_editor_notes(
                _corrected(comparison, session, comparison.target.name), session.reviews
            )
            for comparison, session in zip(result.comparisons, sessions.sessions, strict=True)
        ),
    )
    color = _use_color(args.color, args.output)
    export_options = [
        ExportOptions(color=color, unit=args.unit, reviews=dict(session.reviews))
        for session in sessions.sessions
    ]
    _write_reports(fmt_name or "text", result, export_options, args.output)
    return 1 if any(c.findings for c in result.comparisons) else 0


def _run_app(
    source: Article,
    targets: list[Article],
    options: CompareOptions,
    session_path: Path,
    warnings: Sequence[str],
    *,
    debug: bool,
) -> int | None:
    """The review app with a key to cycle the targets; None when it cannot start.
    ``warnings`` (the loader's, printed already) are shown in the app too."""
    try:
        from tui.app.targets import run_targets_app
    except ImportError as exc:
        _warn(f"the review app cannot start ({exc}); printing the text report")
        return None
    return run_targets_app(
        source,
        targets,
        options=options,
        session_path=session_path,
        warnings=warnings,
        debug=debug,
    )


def _say_once(message: str, source: str, target: str, said: set[str]) -> None:
    """Warn once per line (the source's own warnings come with every pair); a message that
    names no file gets the target's name in front."""
    line = message if source in message or target in message else f"{target}: {message}"
    if line not in said:
        said.add(line)
        _warn(line)


def _write_reports(
    fmt: str, result: TargetsComparison, options: list[ExportOptions], output: str | None
) -> None:
    if fmt in COMBINED:
        report = render_targets(fmt, result, options)
        if output:
            _write_output(output, report)
        else:
            _write_stdout(report)
        return
    assert output is not None  # checked before anything was compared
    files = one_file_per_target(output, result.targets)
    for path, comparison, opts in zip(files, result.comparisons, options, strict=True):
        _write_output(str(path), render(fmt, comparison, opts))
    for path, comparison in zip(files, result.comparisons, strict=True):
        _note(f"wrote {path} ({comparison.target.name})")


def _note(message: str) -> None:
    # -o FILE became one file per target: say which, as the user named only one.
    sys.stderr.write(f"transdiff: {message}\n")

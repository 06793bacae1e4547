"""Command line: ``transdiff SOURCE TARGET`` opens the review app; ``--format`` prints a report.

Headless output runs the engine only: this module imports ``tui.app`` (and with it Textual)
inside ``_run_app`` and nowhere else. Exit status as diff's: 0 no findings, 1 findings,
2 error (a bad argument, an unreadable or empty file, or an internal error: a bug, said in
one line, with the traceback under ``--debug``), 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from tui import __version__
from tui.engine.errors import TransdiffError
from tui.engine.export import FORMATS, ExportOptions, render
from tui.engine.model import Article, CompareOptions, Comparison
from tui.engine.notes import with_editor_notes
from tui.engine.text.load import input_warnings, is_same_file, load_article
from tui.engine.tuning import Tuning, from_json
from tui.engine.util.atomic import write_atomically
from tui.engine.util.forked import Forked, can_fork
from tui.engine.util.gc_pause import cyclic_gc_paused
from tui.internal_error import EXIT_STATUS as INTERNAL_ERROR_STATUS
from tui.internal_error import InternalError

if TYPE_CHECKING:
    from tui.engine.review import ReviewSession

PROG = "transdiff"
SCORERS = ("auto", "lexical", "semantic")
COLORS = ("auto", "always", "never")
UNITS = ("sentence", "paragraph")


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line usage error: ``transdiff: error: ...``, exit status 2."""

    def error(self, message: str) -> NoReturn:
        # The stock error() prints the whole usage block first; bad input gets one line.
        self.exit(2, f"{PROG}: error: {message} (see {PROG} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Align two language versions of an article and show what only one says.",
        epilog="Exit status: 0 no findings, 1 findings, 2 error, 130 interrupted.",
    )
    parser.add_argument("source", nargs="?", metavar="SOURCE", help="the original article")
    parser.add_argument("target", nargs="?", metavar="TARGET", help="its translation")
    parser.add_argument(
        "more_targets",
        nargs="*",
        metavar="TARGET2",
        help="more translations of SOURCE: each is compared with it, as TARGET is",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=sorted(FORMATS),
        help="write a report in this format instead of opening the app "
        "(default: the app on a terminal, else text)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE (replaced atomically)"
    )
    parser.add_argument(
        "--color",
        choices=COLORS,
        default="auto",
        help="colour the text report (auto: on a terminal, unless NO_COLOR is set)",
    )
    parser.add_argument("--source-lang", metavar="LANG", help="language of SOURCE, e.g. de")
    parser.add_argument("--target-lang", metavar="LANG", help="language of TARGET, e.g. fr")
    parser.add_argument(
        "--scorer", choices=SCORERS, default="auto", help="similarity scorer (default: auto)"
    )
    parser.add_argument(
        "--unit",
        choices=UNITS,
        default="sentence",
        help="aligned unit of the tmx, xliff and tsv formats (default: sentence)",
    )
    parser.add_argument(
        "--tuning",
        metavar="FILE",
        help='JSON object of parameters to change, {"group.param": value} '
        "(python -m tui.engine.tuning_table lists them)",
    )
    parser.add_argument(
        "--session",
        metavar="FILE",
        help="review session file (default: TARGET.transdiff.json next to the target)",
    )
    parser.add_argument(
        "--batch",
        action="store_true",
        help="compare many pairs: SOURCE and TARGET are folders, or SOURCE is a list file",
    )
    parser.add_argument(
        "--jobs", type=int, metavar="N", help="parallel comparisons (batch mode, several targets)"
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="batch mode on a Dask cluster: its scheduler, e.g. tcp://host:8786 "
        "(needs the dask extra)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="print the Python traceback of an internal error (a bug to report)",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (never raises, and prints a traceback
    only for an internal error with ``--debug``)."""
    parser = build_parser()
    args = None
    try:
        args = parser.parse_args(argv)
        return _main(parser, args)
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except TransdiffError as exc:
        _error(str(exc))
        return 2
    except OSError as exc:
        _error(_os_message(exc))
        return 2
    except Exception as exc:  # a bug: one line and status 2, not a traceback and status 1
        InternalError.of(exc).report(sys.stderr, debug=bool(args and args.debug))
        return INTERNAL_ERROR_STATUS


def run() -> NoReturn:
    """The ``transdiff`` command (``python -m tui``): ``main()``, then the process ends.

    After one pair's report, the interpreter's teardown would free, object by object, the
    caches of the comparison it leaves (a quarter of a second after a 10,000-paragraph
    pair): once the report is written and both streams are flushed, the process ends
    without it, where nothing else waits for the teardown (no other thread, no exit handler).
    """
    status = main()
    if _report_written and _nothing_waits_for_exit():
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a stream closed or gone: the ordinary exit says so
            raise SystemExit(status) from None
        os._exit(status)
    raise SystemExit(status)


# Set once ``_report_pair`` has written its report: all a quick exit skips is freeing memory.
_report_written = False


def _nothing_waits_for_exit() -> bool:
    """No thread to join and no exit handler to run (atexit's, or threading's for a pool)."""
    import atexit
    import threading

    callbacks = getattr(atexit, "_ncallbacks", None)
    pools = getattr(threading, "_threading_atexits", None)
    return (
        threading.active_count() == 1
        and callbacks is not None
        and callbacks() == 0
        and pools is not None
        and not pools
    )


def _main(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    options = CompareOptions(
        source_lang=args.source_lang,
        target_lang=args.target_lang,
        scorer=args.scorer,
        tuning=_tuning(args.tuning),
    )
    if args.batch:
        return _run_batch(args, options)
    if args.scheduler is not None:
        parser.error("--scheduler only works with --batch")
    if args.source is None or args.target is None:
        missing = "TARGET" if args.source is not None else "SOURCE and TARGET"
        parser.error(f"the following arguments are required: {missing}")
    _check_stdin(parser, args)
    _check_paths(args)
    fmt = args.format or _format_of_output(args.output)
    suffix = Path(args.output).suffix if args.output else ""
    if fmt is None and suffix.lower() in _DOCUMENT_EXTENSIONS:
        # a word processor would open a text report under this name as a damaged file
        raise TransdiffError(
            f"-o {args.output}: transdiff does not write {suffix} files; "
            f"name it {', '.join('.' + f.extension for f in FORMATS.values())}"
        )
    if fmt is None and suffix:
        # no format claims the extension: say what the file will hold (none, e.g. /dev/null: text)
        _warn(f"unknown extension {suffix}; writing the text report (use --format)")
    if args.more_targets:
        from tui.multi import run_targets

        return run_targets(args, options, fmt)
    if args.jobs is not None:
        _warn("--jobs only matters with --batch")

    with cyclic_gc_paused():  # a long article is a few hundred thousand small objects
        source, target = _load_pair(args)
    said = input_warnings(args.source, args.target, source, target)
    said += _language_warnings(args, source, target)
    for message in said:
        _warn(message)

    from_pipe = "-" in (args.source, args.target)  # the report, as diff prints one
    if (
        fmt is None
        and args.output is None
        and not from_pipe
        and sys.stdout.isatty()
        and sys.stdin.isatty()
    ):
        status = _run_app(source, target, options, args.session, said, debug=args.debug)
        if status is not None:
            return status
        fmt = "text"  # the app could not start: print the report instead
    # the comparison and its report are millions of small acyclic objects; the collector is
    # switched back on only once they are freed, so that it never walks them
    with cyclic_gc_paused():
        return _report_pair(args, options, fmt or "text", (source, target), said)


def _report_pair(
    args: argparse.Namespace,
    options: CompareOptions,
    fmt: str,
    pair: tuple[Article, Article],
    said: list[str],
) -> int:
    """Compare the pair and write its report; the exit status."""
    source, target = pair
    comparison = _compare(source, target, options)
    for message in comparison.warnings:
        if message not in said:
            _warn(message)
    session = _session(args)
    reviews = dict(session.reviews) if session is not None else {}
    # The alignment as the editor corrected it, with the editor's own findings (notes on rows
    # without one): the report's too.
    comparison = with_editor_notes(_corrected(comparison, session), reviews)
    export_options = ExportOptions(
        color=_use_color(args.color, args.output), unit=args.unit, reviews=reviews
    )
    report = render(fmt, comparison, export_options)
    if args.output:
        _write_output(args.output, report)
    else:
        _write_stdout(report)
    global _report_written
    _report_written = True
    return 1 if comparison.findings else 0


# ---------------------------------------------------------------------------- the app


def _run_app(
    source: Article,
    target: Article,
    options: CompareOptions,
    session: str | None,
    warnings: Sequence[str],
    *,
    debug: bool,
) -> int | None:
    """Open the review app; None when it is not available (then the caller prints a report).

    The only place that imports ``tui.app`` and hence Textual.
    """
    try:
        from tui.app import run_app
    except ImportError as exc:
        _warn(f"the review app cannot start ({exc}); printing the text report")
        return None
    return run_app(
        source,
        target,
        options=options,
        session_path=Path(session) if session else None,
        warnings=warnings,
        debug=debug,
    )


# ---------------------------------------------------------------------------- batch


def _run_batch(args: argparse.Namespace, options: CompareOptions) -> int:
    """``--batch``: hand over to tui.batch (folders or a list file)."""
    try:
        from tui.batch import run_batch
    except ImportError:
        _error("batch mode is not available")
        return 2
    paths = [p for p in (args.source, args.target, *args.more_targets) if p is not None]
    if not paths:
        _error("--batch needs two folders or one list file")
        return 2
    fmt = args.format or "text"
    if args.output is None:
        return run_batch(
            paths,
            fmt=fmt,
            jobs=args.jobs,
            options=options,
            scheduler=args.scheduler,
            debug=args.debug,
        )
    import io

    buffer = io.StringIO()
    status = run_batch(
        paths,
        fmt=fmt,
        jobs=args.jobs,
        options=options,
        out=buffer,
        scheduler=args.scheduler,
        debug=args.debug,
    )
    _write_output(args.output, buffer.getvalue())
    return status


# ---------------------------------------------------------------------------- helpers

# A target file from this size on is read and segmented in a forked process while the source
# is (speed only: the same Article; a fork and the Article sent back take milliseconds).
PARALLEL_LOAD_BYTES = 256 * 1024


# Word-processor and spreadsheet files: a text report under such a name is refused (exit 2),
# not written with a warning; other unknown extensions (.log, /dev/null) get the text report.
_DOCUMENT_EXTENSIONS = frozenset(
    {".doc", ".docx", ".odt", ".ods", ".pdf", ".rtf", ".xls", ".xlsx", ".pptx", ".epub"}
)

_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def _check_paths(args: argparse.Namespace) -> None:
    """Refuse what would destroy or misplace the editor's files before anything is read: a
    report written over an article, a session file that is an article or a folder (a
    session that cannot be read is set aside under another name, which would move them).
    Language codes are checked here too: a name ("English") would silently mean none."""
    inputs = [args.source, args.target, *args.more_targets]
    for option, path in (("-o", args.output), ("--session", args.session)):
        if path is None or path == "-":
            continue
        clash = next((given for given in inputs if _same_path(path, given)), None)
        if clash is not None:
            raise TransdiffError(f"{option} {path} is the article {clash}: it would be replaced")
    if args.session is not None and os.path.isdir(args.session):
        raise TransdiffError(f"--session {args.session} is a folder: give a file name")
    for option, code in (("--source-lang", args.source_lang), ("--target-lang", args.target_lang)):
        if code is not None and not _LANGUAGE_CODE.fullmatch(code):
            raise TransdiffError(
                f"{option} {code}: give a language code (ISO 639), such as en, de, zh-cn"
            )


def _check_stdin(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """``-`` for SOURCE or TARGET reads that article from standard input, as diff does: one
    side at most, with one target (a pipe is read once)."""
    if "-" in args.more_targets or (args.more_targets and "-" in (args.source, args.target)):
        parser.error("- (standard input) works with one TARGET only")
    if args.source == "-" and args.target == "-":
        parser.error("only one of SOURCE and TARGET can be - (standard input)")


def _language_warnings(args: argparse.Namespace, source: Article, target: Article) -> list[str]:
    """A language given on the command line that the text does not read as: said, since it
    decides the comparison (the same language on both sides compares two revisions)."""
    from tui.engine.text.language import detect_language

    said = []
    for option, code, article in (
        ("--source-lang", args.source_lang, source),
        ("--target-lang", args.target_lang, target),
    ):
        if code is None:
            continue
        detected = detect_language(" ".join(p.text for p in article.paragraphs[:40]))
        if detected is not None and _primary(detected) != _primary(code):
            where = article.path or "the text"
            said.append(f"{option} {code} given, but {where} reads as {detected}")
    return said


def _primary(code: str) -> str:
    return re.split(r"[-_]", code.lower())[0]


def _same_path(first: str, second: str) -> bool:
    """One file under two names (or one name, the file not there yet)."""
    return os.path.abspath(first) == os.path.abspath(second) or is_same_file(first, second)


def _load_pair(args: argparse.Namespace) -> tuple[Article, Article]:
    """The source and target articles; a long target on a second CPU meanwhile."""

    def load_target() -> Article:
        return _load_article(args.target, language=args.target_lang)

    if can_fork() and _file_size(args.target) >= PARALLEL_LOAD_BYTES:
        with Forked(load_target) as target:
            source = _load_article(args.source, language=args.source_lang)
            # the target, also sent back, comes a few tenths of a second later: meanwhile the
            # comparison's modules are imported (a tenth of a second, else right after)
            import tui.engine.pipeline  # noqa: F401

            return source, target.result()
    return _load_article(args.source, language=args.source_lang), load_target()


STDIN_NAME = "<stdin>"  # the article's name in messages and reports when read from ``-``


def _load_article(path: str, *, language: str | None) -> Article:
    """The article at ``path``; ``-`` reads standard input (its bytes, decoded as a file's)."""
    if path != "-":
        return load_article(path, language=language)
    from tui.engine.text.load import MAX_BYTES, article_from_bytes

    if sys.stdin.isatty():  # typed, not piped: say what the wait is for
        _warn("reading the article from standard input; end it with Ctrl-D")
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise TransdiffError(f"{STDIN_NAME}: too large (more than {MAX_BYTES // 2**20} MB)")
    return article_from_bytes(data, path=STDIN_NAME, language=language)


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # loading says what is wrong with it


def _compare(source: Article, target: Article, options: CompareOptions) -> Comparison:
    from tui.engine.pipeline import compare

    progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
    try:
        return compare(source, target, options=options, progress=progress)
    finally:
        if progress is not None:
            progress.clear()


class _Progress:
    """A one-line progress indicator on a terminal's stderr, erased when done."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False

    def __call__(self, fraction: float, stage: str) -> None:
        self.stream.write(f"\r\x1b[K{PROG}: {stage} {round(100 * fraction)}%")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _session(args: argparse.Namespace) -> ReviewSession | None:
    """The editor's review session, when its file exists: its decisions and alignment
    corrections appear in the reports.

    Read only: a report never renames or writes the session, even an unreadable one.
    """
    from tui.engine.review import default_session_path, read_session

    if args.session is None and args.target == "-":
        return None  # an article from a pipe has no file to keep decisions next to
    path = Path(args.session) if args.session else default_session_path(args.target)
    if not path.is_file():
        return None
    session, warning = read_session(path)
    if warning:
        _warn(warning)
    return session


def _corrected(
    comparison: Comparison, session: ReviewSession | None, name: str | None = None
) -> Comparison:
    """``comparison`` with the session's alignment corrections; those that no longer apply
    are left out with a warning, about target ``name`` when given (the session file is not
    changed)."""
    if session is None or not session.corrections:
        return comparison
    from tui.engine.corrections import apply_corrections, not_applied

    result = apply_corrections(comparison, session.corrections)
    if result.dropped:
        total = len(session.corrections)
        why = not_applied(len(result.dropped), total, session.corrected_texts, comparison)
        _warn(f"{name + ': ' if name else ''}{why}; the report leaves them out")
    return result.comparison


def _format_of_output(output: str | None) -> str | None:
    """ "json" for ``-o report.json``: the format whose extension the file name has."""
    if not output:
        return None
    suffix = Path(output).suffix.lower().lstrip(".")
    for name, fmt in FORMATS.items():
        if suffix in (fmt.extension, name):
            return name
    return None


def _use_color(choice: str, output: str | None) -> bool:
    """--color always/never win; auto colours a terminal unless NO_COLOR is set (no-color.org)."""
    if choice == "always":
        return True
    if choice == "never" or output is not None:
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _write_output(output: str, text: str) -> None:
    try:
        write_atomically(Path(output), text)
    except IsADirectoryError as exc:
        raise TransdiffError(f"cannot write {output}: it is a directory") from exc
    except OSError as exc:
        raise TransdiffError(f"cannot write {output}: {exc.strerror or exc}") from exc


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "utf-8"
        sys.stdout.buffer.write(text.encode(encoding, errors="replace"))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _tuning(path: str | None) -> Tuning:
    """The defaults with the parameters the JSON file ``path`` changes (none: defaults)."""
    if path is None:
        return Tuning()
    try:
        return from_json(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise TransdiffError(f"--tuning: {_os_message(exc)}") from None
    except ValueError as exc:  # not UTF-8, not JSON, an unknown parameter or a wrong value
        raise TransdiffError(f"--tuning {path}: {exc}") from None


def _os_message(exc: OSError) -> str:
    name = f"{exc.filename}: " if exc.filename else ""
    return f"{name}{exc.strerror or exc}"


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)

"""Speed and memory of transdiff, one table from one run (prints figures, asserts nothing).

    python benchmarks/speed.py                           # every part below
    python benchmarks/speed.py --parts clean messy --sizes 1000 10000 --scorer lexical
    python benchmarks/speed.py --parts semantic          # sample and ntrex pairs, cold and warm
    python benchmarks/speed.py --parts semantic --scorer semantic semantic-selective
    python benchmarks/speed.py --parts lopsided --lopsided-formats json tsv

Every row but the batch's runs in a fresh process, so its peak memory (max RSS) is its own.
A pair row is the command line, ``transdiff SOURCE TARGET --format json -o FILE``, from
process start to the JSON written: ``wall s`` and ``cpu s`` are the process's (``cpu s`` with
its forked helpers': a long target's loading and half of the link detectors run on a second
CPU); ``load``, ``compare`` and ``export`` are its stages' CPU seconds in the main process
(steadier than wall time on a shared machine; the model's threads can make a semantic
stage's CPU time exceed its wall time).
Semantic rows run cold (an empty ``TRANSDIFF_CACHE_DIR``) and then warm (the same folder
again); ``embedded`` is the share of the pair's sentences that went through the model (the
Embedder's ``embedded`` counter over the sentences of both sides). Paragraphs are not
embedded as text: the paragraph pass embeds their sentences, which the sentence pass then
finds in the cache; a cold run can still pass 100% by the few new texts the partial-sentence
check embeds (a sentence without a suspected piece).
``vs smaller`` gives the time and memory ratios to the next smaller size of the same row.

Parts (``--parts``):
- ``clean``: gold links of the dev set in ../shared/eval (else of the sample pair) taken in
  order, over and over, one paragraph per link, each copy tagged with its number so that
  copies differ: N paragraphs a side (``--sizes``).
- ``messy``: the same links in paragraphs of 1 to 5 links, with 8% of the links and 4% of
  the paragraphs deleted from one side or the other at random (``devsets.synthetic_texts``,
  seed 0): about N paragraphs and 3.5-4.2 N sentences a side (from textberg-dev; issue 14's
  pair), content missing on both sides.
- ``semantic``: the sample pair, and all of one ntrex-dev language pair (``--ntrex``, default
  en-de: 956 unique news lines a side, three lines a paragraph; ``en-de+es-fr``, two pairs
  one after the other, makes 1,912; skipped when ../shared/eval/ntrex-dev is absent), with
  each scorer. The semantic scorer also runs the
  clean and messy pairs up to ``--semantic-max`` paragraphs.
- ``lopsided``: a ``--lopsided``-paragraph article against a one-line file (its target's
  first paragraph), the ordinary mistake of giving the wrong file: nearly everything is
  one-sided. One row per output format (``--lopsided-formats``). Then the sample's German
  article run into one line and repeated to ``--lopsided-line-mb`` MB, one paragraph of
  ~7,000 sentences a MB, against the French sample, with each scorer (JSON; the semantic
  scorer cold): the band of one paragraph linked to a whole article (align/dp.py lays it
  with the short side as rows).
- ``app``: the review app driven by Pilot (benchmarks/app_speed.py): ``wall s`` is the first
  full screen with the comparison in the worker, ``key ms`` the median time from a navigation
  key sent to the last frame composed for it (Pilot's own press time, which waits in 20 ms
  windows, is in the note); the sample pair and a generated ``--app-paragraphs`` pair.
- ``batch``: batch mode's pairs per second (benchmarks/batch_speed.py), 1 and 2 processes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PARTS = ("clean", "messy", "semantic", "lopsided", "app", "batch")
SELECTIVE = (
    "semantic-selective"  # the semantic scorer embedding only what the lexical pass is unsure of
)
FORMATS = ("html", "json", "markdown", "text", "tmx", "tsv", "xliff")
SAMPLE = ROOT / "sample_articles" / "ultraman-musk"


# --- the pairs --------------------------------------------------------------------------------


def units(shared: Path) -> list[tuple[str, str]]:
    """(source text, target text) of each gold link; one-sided links give an empty side."""
    folder = shared / "eval/textberg-dev"
    if folder.is_dir():
        de = (folder / "de.txt").read_text(encoding="utf-8").split("\n")
        fr = (folder / "fr.txt").read_text(encoding="utf-8").split("\n")
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        return [
            (" ".join(de[i].strip() for i in s), " ".join(fr[j].strip() for j in t))
            for s, t in gold
        ]
    de = [x for x in Path(f"{SAMPLE}.de.txt").read_text(encoding="utf-8").splitlines() if x]
    fr = [x for x in Path(f"{SAMPLE}.fr.txt").read_text(encoding="utf-8").splitlines() if x]
    return [("", t) for t in fr[:2]] + list(zip(de, fr[2:], strict=False))


def _tagged_units(shared: Path) -> Iterator[tuple[str, str]]:
    """The gold links over and over, each copy's texts tagged with its number."""
    pieces = units(shared)
    copy = 0
    while True:
        tag = f" ({copy})" if copy else ""  # keeps copies distinct, as real text is
        for s, t in pieces:
            yield (s + tag if s else ""), (t + tag if t else "")
        copy += 1


def build_pair(n: int, shared: Path) -> tuple[str, str]:
    """The clean pair: one paragraph per gold link, until the source has ``n``."""
    src, tgt = [], []
    for s, t in _tagged_units(shared):
        if s:
            src.append(s)
        if t:
            tgt.append(t)
        if len(src) >= n:
            break
    return "\n\n".join(src), "\n\n".join(tgt)


def messy_pair(n: int, shared: Path, seed: int = 0) -> tuple[str, str]:
    """About ``n`` paragraphs of 1-5 gold links, content deleted on both sides at random."""
    import devsets

    source: list[str] = []
    target: list[str] = []
    gold: list[tuple[list[int], list[int]]] = []
    for s, t in _tagged_units(shared):
        if len(gold) >= 3 * n:  # three links a paragraph on average
            break
        gold.append(([len(source)] if s else [], [len(target)] if t else []))
        if s:
            source.append(s)
        if t:
            target.append(t)
    doc = devsets.Document("messy", "de", "fr", source, target, gold)
    src, tgt, _ = devsets.synthetic_texts(doc, seed, links_per_paragraph=(1, 5))
    return src, tgt


def ntrex_pair(shared: Path, languages: str) -> tuple[str, str] | None:
    """Every line of one ntrex-dev language pair, three lines a paragraph; None when absent.
    ``en-de+es-fr`` puts two pairs one after the other: ntrex-dev holds 956 lines a
    language, so that is a pair of 1,912 unique news lines a side (issue 14's 2,000)."""
    import devsets

    if not (shared / "eval/ntrex-dev").is_dir():
        return None
    docs = []
    for pair in languages.split("+"):
        source_lang, target_lang = pair.split("-")
        docs += devsets.ntrex(shared, source_lang, target_lang)
    if not docs:
        return None

    def paragraphs(lines: list[str]) -> list[str]:
        return [" ".join(lines[k : k + 3]) for k in range(0, len(lines), 3)]

    src = [p for doc in docs for p in paragraphs(doc.source)]
    tgt = [p for doc in docs for p in paragraphs(doc.target)]
    return "\n\n".join(src), "\n\n".join(tgt)


# --- one run: the command line in a fresh process ----------------------------------------------


@dataclass
class Row:
    """One line of the table."""

    name: str
    scorer: str = "-"
    cache: str = "-"
    size: int | None = None  # for the ratios between sizes
    figures: dict = field(default_factory=dict)
    note: str = ""


def run_cli(
    source: Path, target: Path, scorer: str, fmt: str, out: Path, cache: Path | None
) -> dict:
    """``transdiff SOURCE TARGET --format FMT -o OUT`` in a fresh process, through
    ``_cli_child`` (the command line's own main(), its stages timed): its figures."""
    env = dict(os.environ)
    if cache is not None:
        env["TRANSDIFF_CACHE_DIR"] = str(cache)
    report = out.with_suffix(".figures.json")
    command = [sys.executable, __file__, "--cli-child", str(report)]
    if scorer == SELECTIVE:
        command += ["--child-selective"]
        scorer = "semantic"
    command += ["--", str(source), str(target), "--scorer", scorer, "--format", fmt, "-o", str(out)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: findings
        raise RuntimeError(f"transdiff failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    # the child's own CPU time and peak: RUSAGE_CHILDREN would mix all children's
    return {**json.loads(report.read_text(encoding="utf-8")), "wall_s": wall}


def _cli_child(report: Path, argv: list[str], selective: bool = False) -> int:
    """Run the command line's main() on ``argv`` with its stages timed; write the figures.
    ``selective``: the semantic scorer embeds only what the lexical pass is unsure of."""
    import tui.cli
    import tui.engine.pipeline

    stages: dict[str, float] = {"load_s": 0.0, "compare_s": 0.0, "export_s": 0.0}
    scorers: list = []

    def timed(name: str, function: Callable, keep: list | None = None) -> Callable:
        def run(*args, **kwargs):
            started = time.process_time()
            result = function(*args, **kwargs)
            stages[name] += time.process_time() - started
            if keep is not None:
                keep.append(result)
            return result

        return run

    def make_scorer(name: str, tuning=None):  # kept, to read the semantic scorer's counter
        scorers.append(original_make_scorer(name, tuning))
        if selective:
            from tui.engine.scoring.semantic import SemanticScorer
            from tui.engine.tuning import SemanticTuning

            scorers[-1] = SemanticScorer(SemanticTuning(selective=True))
        return scorers[-1]

    original_make_scorer = tui.engine.pipeline.make_scorer
    tui.engine.pipeline.make_scorer = make_scorer
    pairs: list = []  # (source, target) as loaded
    tui.cli._load_pair = timed("load_s", tui.cli._load_pair, pairs)
    tui.engine.pipeline.compare = timed("compare_s", tui.engine.pipeline.compare)
    tui.cli.render = timed("export_s", tui.cli.render)
    status = tui.cli.main(argv)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # forked helpers (a long target's loading, half of the link detectors) on a second CPU
    helpers = resource.getrusage(resource.RUSAGE_CHILDREN)
    articles = [article for pair in pairs for article in pair]
    embedded = [s.embedder.embedded for s in scorers if hasattr(s, "embedder")]
    figures = {
        **stages,
        "cpu_s": usage.ru_utime + usage.ru_stime + helpers.ru_utime + helpers.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,
        "paragraphs": [len(a.paragraphs) for a in articles],
        "sentences": [sum(len(p.sentences) for p in a.paragraphs) for a in articles],
        "embedded": embedded[0] if embedded else None,
    }
    report.write_text(json.dumps(figures), encoding="utf-8")
    if getattr(tui.cli, "_report_written", False) and tui.cli._nothing_waits_for_exit():
        # the command's own end (tui.cli.run): no interpreter teardown after the report
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status


# --- the parts ---------------------------------------------------------------------------------


@contextlib.contextmanager
def pair_files(folder: Path, name: str, texts: tuple[str, str]) -> Iterator[tuple[Path, Path]]:
    source, target = folder / f"{name}.source.txt", folder / f"{name}.target.txt"
    source.write_text(texts[0], encoding="utf-8")
    target.write_text(texts[1], encoding="utf-8")
    yield source, target


def pair_rows(
    name: str, size: int | None, texts: tuple[str, str], scorers: list[str], folder: Path
) -> Iterator[Row]:
    """The pair with each scorer; the semantic scorer cold, then warm."""
    with pair_files(folder, name.replace(" ", "-"), texts) as (source, target):
        for scorer in scorers:
            if scorer not in ("semantic", SELECTIVE):
                out = folder / "report.json"
                yield Row(
                    name, scorer, "-", size, run_cli(source, target, scorer, "json", out, None)
                )
                continue
            with tempfile.TemporaryDirectory(dir=folder) as cache:
                for label in ("cold", "warm"):
                    figures = run_cli(
                        source, target, scorer, "json", folder / "report.json", Path(cache)
                    )
                    yield Row(name, scorer, label, size, figures)


def lopsided_rows(
    n: int, formats: list[str], line_mb: float, shared: Path, folder: Path
) -> Iterator[Row]:
    source_text, target_text = build_pair(n, shared)
    one_line = target_text.split("\n\n")[0] + "\n"
    with pair_files(folder, "lopsided", (source_text, one_line)) as (source, target):
        for fmt in formats:
            out = folder / f"lopsided.{fmt}"
            figures = run_cli(source, target, "lexical", fmt, out, None)
            yield Row(f"lopsided {n} x 1 line, {fmt}", "lexical", "-", None, figures)
    if line_mb <= 0:
        return
    yield from single_line_rows(line_mb, folder)


def single_line_rows(line_mb: float, folder: Path) -> Iterator[Row]:
    """The German sample as one line repeated to ``line_mb`` MB against the French sample."""
    line = Path(f"{SAMPLE}.de.txt").read_text(encoding="utf-8").replace("\n", " ")
    copies = int(line_mb * 2**20 // len(line.encode()) + 1)
    french = Path(f"{SAMPLE}.fr.txt").read_text(encoding="utf-8")
    with pair_files(folder, "single-line", (line * copies, french)) as (source, target):
        for scorer in ("lexical", "semantic"):
            with tempfile.TemporaryDirectory(dir=folder) as cache:
                out = folder / "single-line.json"
                figures = run_cli(source, target, scorer, "json", out, Path(cache))
            label = "cold" if scorer == "semantic" else "-"
            yield Row(f"one line {line_mb:g} MB x sample", scorer, label, None, figures)


def app_rows(paragraphs: int, shared: Path) -> Iterator[Row]:
    for pair in ("sample", "generated"):
        command = [sys.executable, str(ROOT / "benchmarks/app_speed.py"), "--json"]
        command += ["--pairs", pair, "--paragraphs", str(paragraphs), "--shared", str(shared)]
        done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
        data = json.loads(done.stdout.strip().splitlines()[-1])
        name = "app: sample pair" if pair == "sample" else f"app: generated {paragraphs}"
        figures = {
            "paragraphs": data["paragraphs"],
            "wall_s": data["first_screen_s"],
            "peak_mib": data["peak_mib"],
            "key_ms": data["frame_median_ms"],
        }
        note = (
            f"engine {data['engine_s']:.2f} s, UI-only first screen "
            f"{data['first_screen_ui_s']:.2f} s; key to frame p90 {data['frame_p90_ms']:.0f} ms; "
            f"Pilot's press {data['key_median_ms']:.0f} ms (an unbound key "
            f"{data['idle_key_ms']:.0f}), CPU {data['key_cpu_ms']:.1f} ms"
        )
        yield Row(name, "lexical", "-", None, figures, note)


def batch_rows(pairs: int) -> Iterator[Row]:
    from batch_speed import measure

    for jobs, rate in measure(pairs).items():
        name = f"batch {pairs} sample pairs, {jobs} process{'es' if jobs > 1 else ''}"
        yield Row(name, "lexical", "-", None, {"wall_s": pairs / rate}, f"{rate:.1f} pairs/s")


# --- the table ---------------------------------------------------------------------------------

COLUMNS = (
    # title, width, formatter of a row's figures
    ("scorer", 9, lambda r, f: "selective" if r.scorer == SELECTIVE else r.scorer),
    ("cache", 5, lambda r, f: r.cache),
    ("paragraphs", 11, lambda r, f: _pair(f.get("paragraphs"))),
    ("sentences", 11, lambda r, f: _pair(f.get("sentences"))),
    ("wall s", 7, lambda r, f: _number(f.get("wall_s"), 2)),
    ("cpu s", 6, lambda r, f: _number(f.get("cpu_s"), 2)),
    ("load cpu", 8, lambda r, f: _number(f.get("load_s"), 2)),
    ("compare cpu", 11, lambda r, f: _number(f.get("compare_s"), 2)),
    ("export cpu", 10, lambda r, f: _number(f.get("export_s"), 2)),
    ("peak MiB", 8, lambda r, f: _number(f.get("peak_mib"), 0)),
    ("embedded", 8, lambda r, f: _embedded(f)),
    ("key ms", 6, lambda r, f: _number(f.get("key_ms"), 0)),
)


def _pair(values: list[int] | None) -> str:
    return "-" if not values else "/".join(str(v) for v in values)


def _number(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _embedded(figures: dict) -> str:
    embedded, sentences = figures.get("embedded"), figures.get("sentences")
    if embedded is None or not sentences:
        return "-"
    return f"{100 * embedded / sum(sentences):.0f}%"


class Table:
    """Prints rows as they come, each with its ratios to the previous size of its kind."""

    def __init__(self, name_width: int = 34) -> None:
        self.name_width = name_width
        self.previous: dict[tuple[str, str, str], Row] = {}

    def header(self) -> None:
        titles = [f"{'':<{self.name_width}}"] + [f"{t:>{w}}" for t, w, _ in COLUMNS]
        print(" ".join([*titles, "vs smaller / note"]), flush=True)

    def print(self, row: Row) -> None:
        cells = [f"{row.name:<{self.name_width}}"]
        cells += [f"{fmt(row, row.figures):>{w}}" for _, w, fmt in COLUMNS]
        print(" ".join([*cells, self._ratio(row) or row.note]), flush=True)

    def _ratio(self, row: Row) -> str:
        if row.size is None:
            return ""
        kind = (row.name.split()[0], row.scorer, row.cache)
        before, self.previous[kind] = self.previous.get(kind), row
        if before is None or before.size is None:
            return ""
        time_ratio = row.figures["wall_s"] / before.figures["wall_s"]
        memory_ratio = row.figures["peak_mib"] / before.figures["peak_mib"]
        return (
            f"size x{row.size / before.size:g}: time x{time_ratio:.1f}, memory x{memory_ratio:.1f}"
        )


def main() -> int:
    from tui.engine.scoring.registry import available_scorers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--scorer",
        nargs="+",
        default=[name for name in ("lexical", "semantic") if name in available_scorers()],
    )
    parser.add_argument(
        "--semantic-max",
        type=int,
        default=1000,
        help="largest clean or messy pair run with the semantic scorer (cold: ~40 sentences/s)",
    )
    parser.add_argument(
        "--ntrex", default="en-de", help="language pair of ntrex-dev to run (en-de+es-fr: two)"
    )
    parser.add_argument("--lopsided", type=int, default=10000, help="paragraphs against one line")
    parser.add_argument("--lopsided-formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument(
        "--lopsided-line-mb",
        type=float,
        default=4.0,
        help="MB of the one-line German sample against the French one (0: no such rows)",
    )
    parser.add_argument("--app-paragraphs", type=int, default=10000)
    parser.add_argument("--batch-pairs", type=int, default=200)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cli-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-selective", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("child_argv", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cli_child:
        return _cli_child(args.cli_child, args.child_argv, args.child_selective)

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    dev = args.shared / "eval/textberg-dev"
    # the sample pair's links make other pairs (its paragraphs are longer): say which
    print(f"clean, messy and lopsided pairs from {dev if dev.is_dir() else 'the sample pair'}")
    table = Table()
    table.header()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for part in [p for p in PARTS if p in args.parts]:
            for row in _part_rows(part, args, folder):
                table.print(row)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


def _part_rows(part: str, args: argparse.Namespace, folder: Path) -> Iterator[Row]:
    if part in ("clean", "messy"):
        build = build_pair if part == "clean" else messy_pair
        for n in sorted(args.sizes):
            scorers = [s for s in args.scorer if "semantic" not in s or n <= args.semantic_max]
            yield from pair_rows(f"{part} {n}", n, build(n, args.shared), scorers, folder)
            if len(scorers) < len(args.scorer):
                yield Row(
                    f"{part} {n}", "semantic", note=f"skipped (--semantic-max {args.semantic_max})"
                )
    elif part == "semantic":
        yield from pair_rows("sample pair", None, _sample_texts(), args.scorer, folder)
        texts = ntrex_pair(args.shared, args.ntrex)
        if texts is None:
            yield Row(f"ntrex-dev {args.ntrex}", note="skipped: ../shared/eval/ntrex-dev absent")
        else:
            yield from pair_rows(f"ntrex-dev {args.ntrex}", None, texts, args.scorer, folder)
    elif part == "lopsided":
        yield from lopsided_rows(
            args.lopsided, args.lopsided_formats, args.lopsided_line_mb, args.shared, folder
        )
    elif part == "app":
        yield from app_rows(args.app_paragraphs, args.shared)
    elif part == "batch":
        yield from batch_rows(args.batch_pairs)


def _sample_texts() -> tuple[str, str]:
    return (
        Path(f"{SAMPLE}.de.txt").read_text(encoding="utf-8"),
        Path(f"{SAMPLE}.fr.txt").read_text(encoding="utf-8"),
    )


if __name__ == "__main__":
    raise SystemExit(main())

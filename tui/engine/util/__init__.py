"""Plumbing shared by the stages: atomic file writes, pausing the cyclic garbage collector."""

"""Plumbing shared by the stages: atomic file writes, pausing the cyclic garbage collector,
the nearest marked item, the CPUs this process may use."""

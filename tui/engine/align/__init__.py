"""Stage 4: monotone bead alignment (dp) and paragraph links re-derived from sentences."""

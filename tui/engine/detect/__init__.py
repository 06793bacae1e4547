"""Stage 5: from aligned links to findings an editor should look at."""

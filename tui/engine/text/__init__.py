"""Stage 1-2: files to paragraphs (load, markup), languages, sentences (segment), anchors."""

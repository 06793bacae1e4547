"""Stage 3: how alike two spans are (log-odds): the protocol, lexical and semantic scorers."""

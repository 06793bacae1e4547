"""Write files so that a crash leaves either the old or the new content, never a mix."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: str | Path, text: str) -> None:
    """Replace ``path`` by ``text`` via a temporary file in the same folder, fsync and rename.

    A path that exists but is not a regular file (/dev/null, a FIFO, a terminal) is written
    in place: renaming over it would destroy the device or pipe. A new file gets the mode
    the user's umask gives (mkstemp would leave it 0600).
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8") as handle:
            handle.write(text)
        return
    folder = path.parent if str(path.parent) else Path(".")  # must exist: no folder is made
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

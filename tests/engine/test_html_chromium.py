"""The HTML report of the sample pair, rendered by headless Chromium, shows its highlights.

Skips when Chromium is not installed (CI installs it). The screenshot is decoded with zlib and
struct only, and pixels close to a ``<mark>`` background colour are counted.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from tui.engine.export import ExportOptions, render
from tui.engine.export.html import MARK_COLOURS
from tui.engine.model import Finding, FindingKind, Location, Severity
from tui.engine.pipeline import compare
from tui.engine.text.load import load_article

SAMPLES = Path(__file__).parents[2] / "sample_articles"
WIDTH, HEIGHT = 1280, 2000


def _chromium() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def decode_png(data: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, raw unfiltered rows) of an 8-bit RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG layout {header}")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    out = bytearray(height * stride)
    prior = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prior, strict=True))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prior[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prior[i], prior[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        out[y * stride : (y + 1) * stride] = line
        prior = line
    return width, height, bpp, bytes(out)


def count_near(pixels: bytes, bpp: int, colour: str, tolerance: int = 12) -> int:
    """How many pixels lie within ``tolerance`` per channel of ``colour`` ("#rrggbb")."""
    want = bytes.fromhex(colour[1:])
    counts: dict[bytes, int] = {}
    for i in range(0, len(pixels), bpp):
        key = pixels[i : i + 3]
        counts[key] = counts.get(key, 0) + 1
    return sum(
        n for rgb, n in counts.items() if all(abs(rgb[k] - want[k]) <= tolerance for k in range(3))
    )


def _screenshot(html: str, tmp_path: Path) -> Path:
    chromium = _chromium()
    if chromium is None:
        pytest.skip("chromium is not installed")
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    png = tmp_path / "report.png"
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={png}",
        f"--window-size={WIDTH},{HEIGHT}",
        page.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert png.exists(), "chromium wrote no screenshot"
    return png


def _sample_comparison():
    source = load_article(SAMPLES / "ultraman-musk.de.txt")
    target = load_article(SAMPLES / "ultraman-musk.fr.txt")
    comparison = compare(source, target)
    if comparison.findings:
        return comparison
    # An engine without findings would leave nothing to highlight: flag one sentence by hand.
    index = next(i for i, p in enumerate(source.paragraphs) if len(p.sentences) > 1)
    span = source.paragraphs[index].sentences[1]
    finding = Finding(
        "demo",
        FindingKind.SENTENCE_ONLY_IN_SOURCE,
        Severity.HIGH,
        1.0,
        "demo finding",
        Location(index, span.start, span.end),
        None,
    )
    return replace(comparison, findings=(finding,))


def test_sample_report_renders_side_by_side_with_highlights(tmp_path: Path) -> None:
    comparison = _sample_comparison()
    png = _screenshot(render("html", comparison, ExportOptions()), tmp_path)
    data = png.read_bytes()
    assert len(data) > 10_000  # a blank page compresses to a few hundred bytes
    width, height, bpp, pixels = decode_png(data)
    assert (width, height) == (WIDTH, HEIGHT)
    marked = sum(count_near(pixels, bpp, colour) for colour in MARK_COLOURS.values())
    # At least a word's worth of highlighted background is visible on the first screen.
    assert marked > 300, marked
    # Text was drawn: plenty of dark pixels, and the page is mostly light background.
    assert count_near(pixels, bpp, "#1d1d1f", tolerance=40) > 2_000
    assert count_near(pixels, bpp, "#ffffff", tolerance=3) > width * height // 2


def test_png_decoder_reads_a_tiny_image() -> None:
    # 2x1 RGB image, one Sub-filtered row: red then red+green.
    row = b"\x01" + bytes([255, 0, 0, 0, 255, 0])
    ihdr = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(row))
        + chunk(b"IEND", b"")
    )
    assert decode_png(data) == (2, 1, 3, bytes([255, 0, 0, 255, 255, 0]))
    assert count_near(bytes([255, 0, 0, 255, 255, 0]), 3, "#ff0000") == 1

"""The site in a real browser (headless Chromium): pages load without console errors, search finds
IL7R from a synonym, the home page renders, pathway diagrams fit a 1280 px window.

Chromium is driven through its command line (``--dump-dom``, ``--screenshot``); no browser driver
package is needed. Without Chromium these tests skip, and fail under CI=true.
"""

from __future__ import annotations

import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from tools import find_tool, one_worker, requires_tool

pytestmark = [
    requires_tool("chromium", "headless browser tests of the HTML site"),
    one_worker("site"),  # the session's site, built once
]

WIDTH = 1280
# one page of every kind the site writes (and the search page with a query)
PAGES = [
    "index.html",
    "classes.html",
    "properties.html",
    "pathways.html",
    "tumours.html",
    "claims.html",
    "xrefs.html",
    "search.html?q=CD127",
    "class/CYTO_0000201.html",
    "property/CYTO_0000101.html",
    "pathway/CYTO_0000350.html",
    "tumour/CYTO_0000513.html",
    "claim/CYTO_0001200.html",
    "individual/CYTO_0002100.html",
]


@pytest.fixture
def site(packaged_site: Path) -> Path:
    """The packaged ontology's site (conftest: built once per session)."""
    return packaged_site


def _chromium(url: str, *args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    binary = find_tool("chromium")
    assert binary is not None
    return subprocess.run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
            f"--user-data-dir={profile}",
            f"--window-size={WIDTH},900",
            *args,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _console_errors(stderr: str) -> list[str]:
    """Console messages and uncaught exceptions Chromium logged (the site logs nothing)."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


def _dump(path: Path, query: str = "", *, profile: Path) -> tuple[str, list[str]]:
    done = _chromium(path.as_uri() + query, "--dump-dom", profile=profile)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, _console_errors(done.stderr)


def _dump_with(page: Path, script: str, *, profile: Path) -> tuple[str, list[str]]:
    """The DOM and console errors of ``page`` with ``script`` run at the end of its body (a probe
    copy beside it, so relative links and scripts resolve as on the page itself)."""
    probe = page.with_name("probe-" + page.name)
    text = page.read_text(encoding="utf-8")
    probe.write_text(text.replace("</body>", f"<script>{script}</script></body>"), encoding="utf-8")
    try:
        return _dump(probe, profile=profile)
    finally:
        probe.unlink()


@pytest.mark.slow
def test_console_errors_are_detected(tmp_path: Path) -> None:
    """The detection works: a page with a script error and a missing script reports errors."""
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><html><body><p>x</p><script>notDefined();</script>"
        '<script src="missing.js"></script></body></html>',
        encoding="utf-8",
    )
    dom, errors = _dump(page, profile=tmp_path / "profile")
    assert "<p>x</p>" in dom
    assert any("notDefined" in e for e in errors), errors


@pytest.mark.slow  # 14 browser runs; the fast loop still loads the search, class and pathway pages
@pytest.mark.parametrize("page", PAGES)
def test_page_loads_without_console_errors(site: Path, tmp_path: Path, page: str) -> None:
    """Every kind of page loads, runs its scripts and logs nothing."""
    name, _, query = page.partition("?")
    dom, errors = _dump(site / name, f"?{query}" if query else "", profile=tmp_path / "profile")
    assert errors == [], errors
    assert "</main>" in dom and 'id="site-search"' in dom


@pytest.mark.slow
def test_search_finds_il7r_by_synonym(site: Path, tmp_path: Path) -> None:
    """search.html?q=CD127 lists IL7R's page (CD127 is its synonym, not its label)."""
    dom, errors = _dump(site / "search.html", "?q=CD127", profile=tmp_path / "profile")
    assert errors == []
    results = dom.split('id="search-page-results"', 1)[1].split("</ol>", 1)[0]
    assert 'href="class/CYTO_0000201.html"' in results
    assert "interleukin-7 receptor subunit alpha" in results
    assert "1 match" in dom or "matches" in dom


@pytest.mark.slow
def test_search_box_on_a_class_page(site: Path, tmp_path: Path) -> None:
    """The search function every page loads finds IL7R, with links relative to that page."""
    script = (
        "var box=document.getElementById('site-search');box.value='cd127';"
        "box.dispatchEvent(new Event('input'));"
    )
    dom, errors = _dump_with(
        site / "class" / "CYTO_0000201.html", script, profile=tmp_path / "profile"
    )
    assert errors == []
    dropdown = dom.split('id="search-results"', 1)[1].split("</ul>", 1)[0]
    assert 'href="../class/CYTO_0000201.html"' in dropdown


def _png_size_and_variety(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct scanlines of a PNG (stdlib only)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            chunks.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    channels = {2: 3, 6: 4, 0: 1, 4: 2}[colour] * depth // 8
    stride = width * channels + 1
    rows = {raw[i * stride + 1 : (i + 1) * stride] for i in range(height)}
    return width, height, len(rows)


@pytest.mark.slow
def test_home_page_screenshot(site: Path, tmp_path: Path) -> None:
    """The home page renders at 1280 px wide, and is not blank."""
    shot = tmp_path / "home.png"
    done = _chromium(
        (site / "index.html").as_uri(), f"--screenshot={shot}", profile=tmp_path / "profile"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    width, height, rows = _png_size_and_variety(shot)
    assert (width, height) == (WIDTH, 900)
    assert rows > 100  # text, a tree and a table: many different lines, not one colour


@pytest.mark.slow
@pytest.mark.parametrize("pathway", ["CYTO_0000350", "CYTO_0000351"])
def test_pathway_diagram_fits_the_page(site: Path, tmp_path: Path, pathway: str) -> None:
    """The drawn SVG is at most 1280 px wide, and the page does not scroll sideways."""
    page = site / "pathway" / f"{pathway}.html"
    text = page.read_text(encoding="utf-8")
    if "<svg" not in text:
        pytest.skip("Graphviz dot is not installed: the diagram is Mermaid text")
    measure = (
        "var r=document.querySelector('figure.diagram svg').getBoundingClientRect();"
        "document.body.setAttribute('data-measured', Math.round(r.width) + 'x' + Math.round(r.height)"
        " + 'x' + document.documentElement.scrollWidth);"
    )
    dom, errors = _dump_with(page, measure, profile=tmp_path / "profile")
    assert errors == []
    found = re.search(r'data-measured="(\d+)x(\d+)x(\d+)"', dom)
    assert found, dom[:500]
    width, height, scroll = (int(g) for g in found.groups())
    assert 200 < width <= WIDTH and height > 100
    assert scroll <= WIDTH

"""Render the pack's Plotly figures to PNG with kaleido 1.x: one Chromium serves every chart."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import kaleido

from kpi.boardpack.spec import Chart

# Device pixels per CSS pixel: a 1000 px wide chart becomes 2000 px, ~160 dpi across a 13.3" slide.
SCALE = 2.0
# kaleido's sync server is a process-wide singleton that matches requests and answers by order;
# the lock keeps two packs (two Streamlit sessions) from interleaving on it.
_LOCK = threading.Lock()

Progress = Callable[[int, int, str], None]


@contextmanager
def chart_server() -> Iterator[None]:
    """One kaleido browser for the duration of the block (reused if one is already running)."""
    with _LOCK:
        # MathJax would be fetched from a CDN; the pack needs no TeX, and no network is assumed.
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        try:
            yield
        finally:
            kaleido.stop_sync_server(silence_warnings=True)


def render_one(chart: Chart, scale: float = SCALE) -> bytes:
    """PNG bytes of one chart at its CSS size times `scale` (needs a running chart_server)."""
    figure = chart.figure.to_dict()
    layout = figure.setdefault("layout", {})
    # The app's figures size themselves to the page; in the pack the slot fixes the size.
    layout.pop("width", None)
    layout.pop("height", None)
    opts = {"format": "png", "width": chart.width, "height": chart.height, "scale": scale}
    return kaleido.calc_fig_sync(figure, opts=opts)


def render_all(charts: Sequence[Chart], progress: Progress | None = None,
               timings: dict[str, float] | None = None) -> dict[str, bytes]:
    """PNG bytes per chart key (inside one chart_server); `timings` collects seconds per chart."""
    images: dict[str, bytes] = {}
    for n, chart in enumerate(charts, start=1):
        if progress:
            progress(n - 1, len(charts), chart.key)
        start = time.perf_counter()
        images[chart.key] = render_one(chart)
        if timings is not None:
            timings[chart.key] = time.perf_counter() - start
    return images

"""Benchmark part 'boardpack': the whole pack for the demo year, both formats, one browser start."""
from __future__ import annotations

import time

from kpi.boardpack import register_fonts, write_pdf, write_pptx
from kpi.boardpack.charts import chart_server, render_all
from kpi.boardpack.spec import describe, year_of
from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS, load_activities, load_targets

TARGET_SECONDS = 10.0


def main() -> None:
    """Print describe, per-chart, per-format and total seconds for the demo year's pack (pdf + pptx)."""
    activities, targets = load_activities(DEMO_ACTIVITIES), load_targets(DEMO_TARGETS)
    year = year_of(activities)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    with chart_server():  # one Chromium for the whole pack, started while the pack is described
        t0 = time.perf_counter()
        register_fonts()
        pack = describe(activities, targets, year, lang="nl", version="bench")
        described = time.perf_counter() - t0
        images = render_all(pack.charts(), timings=timings)
        t0 = time.perf_counter()
        pdf = write_pdf(pack, images)
        pdf_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        pptx = write_pptx(pack, images)
        pptx_s = time.perf_counter() - t0
    total = time.perf_counter() - start
    print(f"board pack {year}: {len(pack.pages)} pages, {len(images)} charts, one browser start")
    print(f"  fonts + describe (figures)      {described:6.2f} s")
    for n, (key, seconds) in enumerate(timings.items()):
        note = "  (includes waiting for the browser)" if n == 0 else ""
        print(f"  chart {key:<24} {seconds:6.2f} s{note}")
    print(f"  charts total                    {sum(timings.values()):6.2f} s")
    print(f"  write PDF  ({len(pdf) / 1e6:4.1f} MB)           {pdf_s:6.2f} s")
    print(f"  write PPTX ({len(pptx) / 1e6:4.1f} MB)           {pptx_s:6.2f} s")
    verdict = "within" if total <= TARGET_SECONDS else "OVER"
    print(f"  total, both formats             {total:6.2f} s  ({verdict} the {TARGET_SECONDS:.0f} s target)")


if __name__ == "__main__":
    main()

"""Benchmark part 'boardpack': the whole pack for the demo year from one store snapshot, both formats, both languages."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from kpi.boardpack import House, register_fonts, write_pdf, write_pptx
from kpi.boardpack.spec import describe_snapshot
from kpi.dashboard import latest_year
from kpi.store import FolderStore

TARGET_SECONDS = 10.0


def _seconds(start: float) -> float:
    return time.perf_counter() - start


def main() -> None:
    """Print snapshot read, describe, per-format and total seconds for the demo year's pack (pdf + pptx, nl + en)."""
    with tempfile.TemporaryDirectory() as folder:
        store = FolderStore(Path(folder) / "store")
        store.seed_demo()  # a store filled from the demo data, as on first use
        start = time.perf_counter()
        t0 = time.perf_counter()
        snapshot = store.load()
        read = _seconds(t0)
        register_fonts()
        year = latest_year(snapshot.activities)
        print(f"board pack {year} from one snapshot ({snapshot.manifest.label}); read {read:.2f} s")
        for lang in ("nl", "en"):
            t0 = time.perf_counter()
            pack = describe_snapshot(snapshot, year, lang=lang)
            described = _seconds(t0)
            t0 = time.perf_counter()
            pdf = write_pdf(pack, House())
            pdf_s = _seconds(t0)
            t0 = time.perf_counter()
            pptx = write_pptx(pack, House())
            pptx_s = _seconds(t0)
            print(
                f"  {lang}: {len(pack.pages)} pages, {len(pack.charts())} native charts; describe {described:.2f} s, "
                f"PDF {pdf_s:.2f} s ({len(pdf) / 1e3:.0f} kB), PPTX {pptx_s:.2f} s ({len(pptx) / 1e3:.0f} kB)"
            )
        total = _seconds(start)
    verdict = "within" if total <= TARGET_SECONDS else "OVER"
    print(f"  total, both formats, both languages: {total:.2f} s ({verdict} the {TARGET_SECONDS:.0f} s target)")


if __name__ == "__main__":
    main()

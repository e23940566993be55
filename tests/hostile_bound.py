"""Read and validate files each in a forked child under a 2 GiB address-space limit and a CPU-time limit.

CPU time, not wall time: on a shared machine a file's wall time says more about the neighbours than about the reader.

Used by tests/test_hostile_corpus.py: `python -m tests.hostile_bound LIMIT_S` reads JSON lines
{"name", "path", "kind"} on stdin and prints one JSON line per file: the problem codes, whether it finished,
how it ended, its peak memory (KiB), wall time and CPU time. The modules are imported once; each file gets a fresh fork.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import sys
import time

ADDRESS_SPACE = 2 * 1024**3


WALL_FACTOR = 30  # a child that is not even scheduled for this many times its CPU limit is stopped too


def _child(path: str, name: str, kind: str, out: int, limit_s: float) -> None:
    from kpi.importing import read_validated
    from kpi.problems import ValidationError

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    seconds = math.ceil(limit_s)
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))  # SIGXCPU at the soft limit
    try:
        with open(path, "rb") as handle:
            _, warnings, _ = read_validated(handle.read(), name, kind)
        codes, refused = sorted({w.code for w in warnings}), False
    except ValidationError as error:
        codes, refused = sorted({p.code for p in error.problems}), True
    os.write(out, json.dumps({"codes": codes, "refused": refused}).encode())


def run(path: str, name: str, kind: str, limit_s: float) -> dict:
    """One file in a forked child: its result, or how it was stopped."""
    read_end, write_end = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        try:
            _child(path, name, kind, write_end, limit_s)
        finally:
            os._exit(0)
    os.close(write_end)
    status, usage, ended = 0, None, "finished"
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - start > limit_s * WALL_FACTOR:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            ended = "wall timeout"
            break
        time.sleep(0.01)
    output = b""
    while chunk := os.read(read_end, 65536):
        output += chunk
    os.close(read_end)
    result = json.loads(output) if output else {"codes": [], "refused": None}
    if ended == "finished" and not output:
        stopped = os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL)
        ended = "cpu timeout" if stopped else f"died (status {status})"
    return {
        "name": name,
        "ended": ended,
        "seconds": round(time.monotonic() - start, 3),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3) if usage else None,
        "max_rss_kib": usage.ru_maxrss if usage else None,
        **result,
    }


def main() -> None:
    """Bound every file named on stdin; print one JSON line each."""
    import kpi.importing  # noqa: F401 - import once, before forking

    limit_s = float(sys.argv[1])
    for line in sys.stdin:
        if line.strip():
            job = json.loads(line)
            print(json.dumps(run(job["path"], job["name"], job["kind"], limit_s)), flush=True)


if __name__ == "__main__":
    main()

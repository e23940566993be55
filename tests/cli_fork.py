"""`python -m kpi` for the tests, forked from one preloaded interpreter instead of started afresh for each call.

Starting Python and importing pandas, pyarrow and the CLI costs about 1.6 CPU-seconds; most CLI tests need a few
tenths for the command itself. One server process per test session (per xdist worker) imports the CLI's modules
once, with no thread started, and forks a child per call. The child is a fresh process like a subprocess: it takes
the caller's environment and working directory, reads stdin from and writes stdout/stderr to files, runs
`kpi/__main__.py` as `__main__` (exactly what `python -m kpi` runs) and exits with its exit code, a traceback and
exit 1 on an uncaught exception, or dies by its signal. `run_kpi` returns a `subprocess.CompletedProcess`, so a test
reads it as it read `subprocess.run(..., capture_output=True, text=True)`.

`forked_python(code, *args)` is the same for `python -c CODE ARGS` started as `subprocess.Popen` (the crash test
kills such children mid-save): it returns at once with the child's pid, and its stdout is read line by line;
`forked_pythons(code, argvs)` starts several side by side (the concurrency tests race them).

A few tests in `tests/test_cli_process.py` still start `python -m kpi` as a true subprocess (the entry point itself).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import resource
import runpy
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import types
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the CLI's commands import, loaded once in the server (lazy imports of the subcommands included).
PRELOAD = (
    "kpi.cli",
    "kpi.cli_boardpack",
    "kpi.cli_report",
    "kpi.cli_store",
    "kpi.cli_targets",
    "kpi.access",
    "kpi.boardpack",
    "kpi.annual_report",
    "kpi.annual_report.document",
    "kpi.reference",
    "kpi.store",
    "kpi.targets",
    "kpi.parquet_io",
    "confusable_homoglyphs",
    "pyarrow.pandas_compat",
)

_lock = threading.Lock()
_server: subprocess.Popen | None = None
_pending = b""  # what was read from the server's stdout beyond the last line returned


def _exit_code(code: object) -> int:
    """The process exit status Python gives for `sys.exit(code)`."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _child(request: dict) -> None:
    """In the forked child: become `python -m kpi ARGS` (or `python -c CODE ARGS` when the request has code) in the
    caller's environment, then exit (never returns)."""
    code = 1
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        for fd, path, mode in ((0, request["stdin"], os.O_RDONLY), (1, request["out"], os.O_WRONLY)):
            target = os.open(path, mode)
            os.dup2(target, fd)
            os.close(target)
        err = os.open(request["err"], os.O_WRONLY)
        os.dup2(err, 2)
        os.close(err)
        if request["address_space"] is not None:  # what a subprocess' preexec_fn would set before it starts
            limit = request["address_space"]
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            if request.get("code") is None:
                sys.path[0] = request["cwd"]  # as `python -m` puts the working directory first
                sys.argv = ["-m", *request["args"]]
                runpy.run_module("kpi", run_name="__main__", alter_sys=True)
            else:
                sys.path[0] = ""  # as `python -c` puts the working directory first
                sys.argv = ["-c", *request["args"]]
                main = sys.modules["__main__"] = types.ModuleType("__main__")
                exec(compile(request["code"], "<string>", "exec"), main.__dict__)
            code = 0
        except SystemExit as exit_:
            code = _exit_code(exit_.code)
        except BaseException:  # an uncaught exception: Python prints the traceback and exits 1
            traceback.print_exc()
            code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def serve() -> None:
    """The server loop: one JSON request per line in, the child's pid and then its exit status out."""
    for module in PRELOAD:
        __import__(module)
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):
        os.dup2(null, fd)
    os.close(null)
    replies.write("ready\n")
    replies.flush()
    for line in requests:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            requests.close()
            replies.close()
            _child(request)
        replies.write(f"{pid}\n")
        replies.flush()
        _, status = os.waitpid(pid, 0)
        replies.write(f"{os.waitstatus_to_exitcode(status)}\n")
        replies.flush()


def _start() -> subprocess.Popen:
    """The server for this test process, started on first use and stopped at exit."""
    global _server, _pending
    if _server is None or _server.poll() is not None:
        _pending = b""
        _server = subprocess.Popen(
            [sys.executable, "-m", "tests.cli_fork"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert (_read_line(_server, None) or "").strip() == "ready", "CLI fork server failed"
        atexit.register(_stop, _server)
    return _server


def _stop(server: subprocess.Popen) -> None:
    """Close the server's input (it ends its loop) and reap it."""
    if server.poll() is None:
        assert server.stdin is not None
        server.stdin.close()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def _read_line(server: subprocess.Popen, timeout: float | None) -> str | None:
    """The server's next reply line ("" once it has ended), or None when none came within `timeout` seconds. Read
    from the pipe itself, not through a buffered file, so that a line already read along with the one before (a
    child's pid and its exit status, when it ends at once) is never waited for."""
    global _pending
    assert server.stdout is not None
    fd = server.stdout.fileno()
    deadline = None if timeout is None else time.monotonic() + timeout
    while b"\n" not in _pending:
        if deadline is not None and not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
            return None
        chunk = os.read(fd, 4096)
        if not chunk:
            line, _pending = _pending, b""
            return line.decode("utf-8")
        _pending += chunk
    line, _, _pending = _pending.partition(b"\n")
    return line.decode("utf-8") + "\n"


def run_kpi(
    *args: str,
    cwd: str | os.PathLike | None = None,
    env: dict[str, str] | None = None,
    input: str | None = None,
    timeout: float | None = 120,
    address_space: int | None = None,
) -> subprocess.CompletedProcess:
    """`python -m kpi ARGS` as `subprocess.run(..., capture_output=True, text=True)` gives it, run in a child forked
    from the preloaded server (environment: `env`, else this process's current one; stdin empty unless `input`;
    `address_space`: the child's RLIMIT_AS in bytes)."""
    with _lock, tempfile.TemporaryDirectory(prefix="kpi-cli-") as scratch:
        paths = {name: os.path.join(scratch, name) for name in ("stdin", "out", "err")}
        Path(paths["stdin"]).write_text(input or "", encoding="utf-8")
        Path(paths["out"]).touch()
        Path(paths["err"]).touch()
        request = {
            "args": [str(a) for a in args],
            "cwd": os.path.abspath(cwd if cwd is not None else os.getcwd()),
            "env": dict(os.environ if env is None else env),
            "address_space": address_space,
            **paths,
        }
        server = _start()
        assert server.stdin is not None
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        pid = int(_read_line(server, None) or 0)
        status = _read_line(server, timeout)
        if status is None:  # as subprocess.run: kill the child on timeout, then raise
            os.kill(pid, signal.SIGKILL)
            _read_line(server, None)
            raise subprocess.TimeoutExpired(["python", "-m", "kpi", *request["args"]], timeout or 0)
        out = Path(paths["out"]).read_text(encoding="utf-8", errors="replace")
        err = Path(paths["err"]).read_text(encoding="utf-8", errors="replace")
        return subprocess.CompletedProcess(["python", "-m", "kpi", *request["args"]], int(status), out, err)


class _Output:
    """A forked child's stdout and stderr (files), read as from `subprocess.Popen(..., stdout=PIPE, text=True)`."""

    def __init__(self, pid: int, out: str, err: str) -> None:
        self.pid, self._out, self._err = pid, out, err
        self._read = 0  # bytes of its stdout read so far
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """The exit status once the child has ended (negative: killed by that signal), else None."""
        raise NotImplementedError

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the child to end; its exit status."""
        raise NotImplementedError

    def _take(self, line: bool) -> str | None:
        with open(self._out, "rb") as out:
            out.seek(self._read)
            data = out.read()
        if line:
            end = data.find(b"\n")
            if end < 0:
                return None
            data = data[: end + 1]
        self._read += len(data)
        return data.decode("utf-8", errors="replace")

    def readline(self, timeout: float = 120) -> str:
        """The child's next line of stdout, waiting for it; what is left (maybe "") once the child has ended."""
        deadline = time.monotonic() + timeout
        while (line := self._take(line=True)) is None:
            if self.poll() is not None:
                return self._take(line=False) or ""
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(["python", "-c", "..."], timeout)
            time.sleep(0.005)
        return line

    def read(self, timeout: float | None = None) -> str:
        """The rest of the child's stdout, once it has ended."""
        self.wait(timeout)
        return self._take(line=False) or ""

    def stderr(self) -> str:
        """What the child has written to stderr so far (a traceback, for a test's failure message)."""
        return Path(self._err).read_text(encoding="utf-8", errors="replace")


class ForkedChild(_Output):
    """A `python -c` child forked from the server; the server reports its exit status."""

    def __init__(self, server: subprocess.Popen, pid: int, out: str, err: str) -> None:
        super().__init__(pid, out, err)
        self._server = server

    def poll(self) -> int | None:
        if self.returncode is None:
            status = _read_line(self._server, 0)
            if status is not None:
                self.returncode = int(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            status = _read_line(self._server, timeout)
            if status is None:
                raise subprocess.TimeoutExpired(["python", "-c", "..."], timeout or 0)
            self.returncode = int(status)
        return self.returncode


class SiblingChild(_Output):
    """One of `forked_pythons`' children; the parent they were forked from writes its exit status to a file."""

    def __init__(self, parent: ForkedChild, pid: int, out: str, err: str, status: str) -> None:
        super().__init__(pid, out, err)
        self._parent, self._status = parent, status

    def poll(self) -> int | None:
        if self.returncode is None:
            text = Path(self._status).read_text(encoding="utf-8")
            if text.endswith("\n"):
                self.returncode = int(text)
            elif self._parent.poll() is not None:  # the parent died before it could write the status
                self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(["python", "-c", "..."], timeout or 0)
            time.sleep(0.005)
        return code


# The parent of `forked_pythons`' children (itself forked from the server): forks one child per job, each running
# the code as `python -c CODE ARGS` would with its stdout and stderr in files, and writes each exit status to a file.
_SIBLINGS = """
import json, os, sys, traceback, types
jobs = json.loads(sys.argv[1])
pids = {}
for job in jobs:
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            for fd, path in ((1, job["out"]), (2, job["err"])):
                target = os.open(path, os.O_WRONLY)
                os.dup2(target, fd)
                os.close(target)
            sys.argv = ["-c", *job["args"]]
            main = sys.modules["__main__"] = types.ModuleType("__main__")
            exec(compile(job["code"], "<string>", "exec"), main.__dict__)
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    pids[pid] = job["status"]
    print(pid, flush=True)
while pids:
    pid, status = os.wait()
    with open(pids.pop(pid), "w", encoding="utf-8") as out:
        out.write(f"{os.waitstatus_to_exitcode(status)}\\n")
"""


@contextlib.contextmanager
def forked_pythons(
    code: str, argvs: list[list[str]], cwd: str | os.PathLike | None = None, env: dict[str, str] | None = None
) -> Iterator[list[SiblingChild]]:
    """Several `python -c CODE ARGS` at once (one per entry of `argvs`), as many `subprocess.Popen(...,
    stdout=PIPE, stderr=PIPE, text=True)` would start them: forked side by side from one child of the preloaded
    server (see `forked_python`), so that they can race. Yields at once; children still running when the block ends
    are killed."""
    with tempfile.TemporaryDirectory(prefix="kpi-siblings-") as scratch:
        jobs = []
        for i, args in enumerate(argvs):
            job = {kind: os.path.join(scratch, f"{i}.{kind}") for kind in ("out", "err", "status")}
            for path in job.values():
                Path(path).touch()
            jobs.append({**job, "code": code, "args": [str(a) for a in args]})
        with forked_python(_SIBLINGS, json.dumps(jobs), cwd=cwd, env=env) as parent:
            children = []
            for job in jobs:
                line = parent.readline()
                assert line.strip().isdigit(), parent.stderr()
                children.append(SiblingChild(parent, int(line), job["out"], job["err"], job["status"]))
            try:
                yield children
            finally:
                for child in children:
                    if child.poll() is None:
                        with contextlib.suppress(ProcessLookupError):
                            os.kill(child.pid, signal.SIGKILL)
                parent.wait()


@contextlib.contextmanager
def forked_python(
    code: str, *args: str, cwd: str | os.PathLike | None = None, env: dict[str, str] | None = None
) -> Iterator[ForkedChild]:
    """`python -c CODE ARGS` as `subprocess.Popen(..., stdout=subprocess.PIPE, text=True)` starts it, forked from the
    preloaded server (environment: `env`, else this process's current one; stdin empty; stderr kept for
    `ForkedChild.stderr()`). Yields at once; the child is killed, if still running, when the block ends. It holds
    the server for its whole life, so no `run_kpi` call runs meanwhile."""
    with _lock, tempfile.TemporaryDirectory(prefix="kpi-fork-") as scratch:
        paths = {name: os.path.join(scratch, name) for name in ("stdin", "out", "err")}
        for path in paths.values():
            Path(path).touch()
        request = {
            "code": code,
            "args": [str(a) for a in args],
            "cwd": os.path.abspath(cwd if cwd is not None else os.getcwd()),
            "env": dict(os.environ if env is None else env),
            "address_space": None,
            **paths,
        }
        server = _start()
        assert server.stdin is not None
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        child = ForkedChild(server, int(_read_line(server, None) or 0), paths["out"], paths["err"])
        try:
            yield child
        finally:
            if child.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child.pid, signal.SIGKILL)
            child.wait()


if __name__ == "__main__":
    serve()

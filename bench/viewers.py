"""A viewer without a browser: one Streamlit session driven over the app's own websocket protocol, as the page
drives it, but without drawing anything.

The load benchmark uses it to put N viewers on the servers while only one real Chromium draws: board members open
the link on their own machines, so on this 2-core machine N browsers on one core would measure Chromium, not the
dashboard. A viewer costs the server what a new browser costs it: the page and the app shell over HTTP (through the
proxy, with its cookies), then the websocket, a script run per step, and every message of the run.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

STREAM = "/_stcore/stream"
XSRF_COOKIE = "_streamlit_xsrf"
CONNECTIONS = 6  # a browser's parallel connections to one host
TIMEOUT_S = 900.0
RERUN_FOLLOWS = 2  # ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN: another run of the same step comes next


class ViewerError(RuntimeError):
    """The server answered a step with something a browser would show as an error."""


@dataclass
class Viewer:
    """One open session: its websocket and what the last run showed."""

    base: str
    ws: websockets.ClientConnection | None = None
    page_hash: str = ""
    query: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # URL path ("missions") -> page script hash
    widgets: dict[str, str] = field(default_factory=dict)  # multiselect label -> widget id
    charts: int = 0
    server: str = "app1"  # the replica that answered (the proxy's X-KPI-Server header; one replica: app1)

    async def close(self) -> None:
        """Close the websocket."""
        if self.ws is not None:
            await self.ws.close()

    async def _run(self, state: ClientState) -> float:
        """Send one rerun and read the server's messages to the end of its run; seconds taken."""
        start = time.perf_counter()
        message = BackMsg()
        message.rerun_script.CopyFrom(state)
        await self.ws.send(message.SerializeToString())
        self.charts, self.widgets = 0, {}
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await asyncio.wait_for(self.ws.recv(), TIMEOUT_S))
            kind = forward.WhichOneof("type")
            if kind == "navigation":
                self.page_hash = forward.navigation.page_script_hash
                self.pages = {p.url_pathname: p.page_script_hash for p in forward.navigation.app_pages}
            elif kind == "page_info_changed":
                self.query = forward.page_info_changed.query_string
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._element(forward.delta.new_element)
            elif kind == "script_finished" and forward.script_finished != RERUN_FOLLOWS:
                return time.perf_counter() - start

    def _element(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind == "plotly_chart":
            self.charts += 1
        elif kind == "multiselect":
            self.widgets[element.multiselect.label] = element.multiselect.id
        elif kind == "exception":
            raise ViewerError(f"the page showed an error: {element.exception.message}")

    def _state(self, page_hash: str = "", page_name: str = "") -> ClientState:
        state = ClientState(query_string=self.query, page_script_hash=page_hash, page_name=page_name)
        state.context_info.timezone = "Europe/Amsterdam"
        state.context_info.locale = "nl-NL"
        state.context_info.url = f"{self.base}/{page_name}" + (f"?{self.query}" if self.query else "")
        return state

    async def navigate(self, url_path: str) -> float:
        """Go to another page of the app, as a click in the menu does (a rerun of this session); seconds to the
        end of its run."""
        self.query = ""
        return await self._run(self._state(self.pages[url_path]))

    async def choose(self, label: str, values: list[str]) -> float:
        """Set the multiselect `label` to `values` (the labels shown), as picking them does; seconds to the end of
        the run."""
        state = self._state(self.page_hash)
        widget = state.widget_states.widgets.add()
        widget.id = self.widgets[label]
        widget.string_array_value.data.extend(values)
        return await self._run(state)


async def open_viewer(base: str, link: str, shell: list[str]) -> tuple[Viewer, float]:
    """A new viewer without a cache opens `link` (e.g. "/?year=2018"): the page, the app shell files `shell`
    (paths, fetched `CONNECTIONS` at a time), then the session's first run; returns it and the seconds from the
    request to the end of that run."""
    start = time.perf_counter()
    viewer = Viewer(base)
    try:
        async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT_S, follow_redirects=True) as http:
            page = await http.get(link)  # sets the proxy's affinity cookie and the XSRF cookie
            page.raise_for_status()
            cookies = {c.name: c.value for c in http.cookies.jar}
        viewer.server = page.headers.get("x-kpi-server", viewer.server)
        await fetch_all(base, shell, cookies)
        parts = urlsplit(link)
        viewer.query = parts.query
        viewer.ws = await websockets.connect(
            base.replace("http", "ws", 1) + STREAM,
            subprotocols=["streamlit", cookies.get(XSRF_COOKIE, "PLACEHOLDER_AUTH_TOKEN")],
            additional_headers={"Origin": base, "Cookie": _cookie_header(cookies)},
            max_size=None,
            open_timeout=TIMEOUT_S,
        )
        await viewer._run(viewer._state(page_name=parts.path.strip("/")))
    except BaseException:
        await viewer.close()
        raise
    return viewer, time.perf_counter() - start


async def fetch_all(base: str, paths: list[str], cookies: dict[str, str]) -> int:
    """GET every path over `CONNECTIONS` keep-alive connections, as a browser loads the app shell; returns the
    bytes read. A bare HTTP/1.1 client: httpx would spend more of the client core on 130 files than the server
    spends serving them, and the client shares one core with Chromium."""
    queue = list(reversed(paths))
    host = urlsplit(base)
    cookie = _cookie_header(cookies)

    async def worker() -> int:
        reader, writer = await asyncio.open_connection(host.hostname, host.port)
        size = 0
        try:
            while queue:
                path = queue.pop()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {host.netloc}\r\nCookie: {cookie}\r\n\r\n".encode())
                size += await _response(reader, path)
        finally:
            writer.close()
        return size

    return sum(await asyncio.gather(*(worker() for _ in range(min(CONNECTIONS, len(paths))))))


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


async def _response(reader: asyncio.StreamReader, path: str) -> int:
    """Read one response (Content-Length or chunked body); its body's size."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    if head[0].split()[1] != "200":
        raise ViewerError(f"GET {path}: {head[0]}")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
    if "content-length" in headers:
        return len(await reader.readexactly(int(headers["content-length"])))
    size = 0
    while chunk := int((await reader.readuntil(b"\r\n")).strip(), 16):
        size += len(await reader.readexactly(chunk + 2)) - 2
    await reader.readuntil(b"\r\n")
    return size

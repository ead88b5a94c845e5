"""`poa serve`: the same drafting screen in a web browser, for one person on their own machine.

textual-serve runs `poa edit FILE` as a child process for each browser tab and relays
the screen over a WebSocket; the page is xterm.js. What poa adds to it:

- It listens on 127.0.0.1 unless told otherwise, and says out loud what another
  host means: anyone who can reach it can read and change the plan.
- Its own page (poa/tui/web/app_index.html): textual-serve's loads a font from the
  internet; poa's uses the font in textual-serve's own static folder, so nothing leaves
  the machine.
- Requests must come from the page it served: a WebSocket is not bound by the
  browser's same-origin rule, so without this any web site open in the same browser
  could connect to 127.0.0.1 and read the plan. The Host header is checked too
  (a site that points its own name at 127.0.0.1 gets nothing).
- Exports reach the browser as downloads (the drafting screen calls App.deliver_text
  when it runs in a browser).
"""

from __future__ import annotations

import asyncio
import ipaddress
import shlex
import signal
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

TEMPLATES = Path(__file__).parent / "web"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def command(path: Path | None) -> str:
    """The shell command textual-serve starts for each browser tab: this Python, this poa."""
    args = [sys.executable, "-m", "poa", "edit"]
    if path is not None:
        args.append(str(path))
    return shlex.join(args)


class PoaServer(Server):
    """textual-serve's Server with poa's page, its checks of where requests come from, and
    its own words when it starts."""

    def __init__(self, path: Path | None, host: str, port: int) -> None:
        shown = f"[{host}]" if ":" in host else host
        super().__init__(command(path), host=host, port=port, title="poa",
                         public_url=f"http://{shown}:{port}", templates_path=TEMPLATES)
        self.address = f"http://{shown}:{port}"
        self.loopback = is_loopback(host)
        names = LOOPBACK_NAMES if self.loopback else (shown,)
        self.hosts = {f"{name}:{port}" for name in names}
        self.wildcard = host in ("0.0.0.0", "::")

    def initialize_logging(self) -> None:
        """Quiet: no banner, no line per request (the seller reads the address, nothing else)."""

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._same_origin)
        return app

    @web.middleware
    async def _same_origin(self, request: web.Request, handler):  # noqa: ANN001, ANN202
        host = request.host
        if not self.wildcard and host not in self.hosts:
            raise web.HTTPForbidden(text="poa: this address is not the one poa serves.\n")
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"http://{host}":
            raise web.HTTPForbidden(text="poa: requests from other pages are refused.\n")
        if self.wildcard:  # the page must point back at the name the browser used
            self.public_url = f"http://{host}"
        return await handler(request)

    async def on_startup(self, app: web.Application) -> None:
        """Nothing yet: the address is printed once the port is really open (`started`)."""

    def started(self, *_args: object) -> None:
        print(f"poa: the drafting screen is at {self.address}  (open it in your browser)",
              flush=True)
        if not self.loopback:
            print("poa: warning: it listens beyond this computer; anyone who can reach this "
                  "address can read and change your plan.", flush=True)
        print("poa: Ctrl+C stops it (your answers are saved as you type).", flush=True)

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl+C (or SIGTERM), as textual-serve's does, with poa's start message."""
        self.debug = debug
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self.request_exit)
            except (NotImplementedError, RuntimeError):
                pass
        web.run_app(self._make_app(), host=self.host.strip("[]"), port=self.port,
                    handle_signals=False, loop=loop, print=self.started, access_log=None)


def serve(path: Path | None, host: str, port: int) -> int:
    """`poa serve [FILE] [--host H] [--port N]`; returns the exit code."""
    from poa.answers.file import load_answers
    from poa.errors import InputError

    if path is not None:
        path = Path(path).absolute()
        if path.is_file():
            try:
                load_answers(path)
            except InputError as err:
                for problem in err.problems:
                    print(f"poa: {problem}", file=sys.stderr)
                return 2
    if not 0 < port < 65536:
        print(f"poa: --port {port}: expected a port number from 1 to 65535", file=sys.stderr)
        return 2
    server = PoaServer(path, host, port)
    try:
        server.serve()
    except OSError as err:
        print(f"poa: cannot listen on {server.address}: {err.strerror or err} "
              f"(another program may use port {port}; try --port {port + 1})", file=sys.stderr)
        return 2
    return 0

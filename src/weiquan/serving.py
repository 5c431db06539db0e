"""`weiquan serve --workers N`: N server processes, each with a listening socket of its own.

uvicorn's own `--workers` shares one socket between its processes: whichever process is awake
when connections arrive accepts them, so a burst of new connections (a client opening its
pool, a load test starting) may land mostly on one process, and the other core idles for as
long as those connections live. Counted under load, one process answered 4,600 filings while
the other answered 1,900. Here each process binds its own socket with SO_REUSEPORT, and the
kernel spreads new connections over them by their addresses: in the same test no process took
more than 56% of them.

The parent only starts the processes and stops them: when one ends, the others are stopped and
the parent exits with its status, for the service manager to restart the whole.

Each process, one or many, leaves what loading the app made (about 160,000 objects: the law,
the mappers, the routes, the templates) out of the garbage collector's passes (gc.freeze). They
live as long as the process, and the collector's full passes went through all of them every
few hundred filings, about 125 ms each time: 5 to 8% of a core under load, with the process's
requests waiting meanwhile. Frozen, filing under load went about a quarter faster. The price: a
frozen object that later ends up in a reference cycle is never freed. None does (a test files,
reads and shows pages, then counts them).
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import signal
import socket
import sys
from types import FrameType
from typing import Any

APP = "weiquan.app:app_from_env"
BACKLOG = 2048


def serve(host: str, port: int, workers: int, log_level: str = "info", app: str = APP) -> int:
    """Serve app ("module:attribute"; weiquan's by default) on host:port with workers
    processes; returns the exit status. An attribute named app_from_env is a factory."""
    import uvicorn

    # A taken port fails here, once, before the app loads: bound without SO_REUSEPORT, so that a
    # server already running there (even this one's, with SO_REUSEPORT) is not joined silently.
    _listen(host, port, share=False).close()
    if workers <= 1:
        # proxy_headers off: uvicorn would take X-Forwarded-For from any local peer;
        # weiquan.common.web.client_address trusts it only from WEIQUAN_TRUSTED_PROXIES.
        uvicorn.run(load(app), host=host, port=port, log_level=log_level, proxy_headers=False)
        return 0
    context = multiprocessing.get_context("spawn")
    started: list[multiprocessing.process.BaseProcess] = []
    stopping = False

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for process in started:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests in hand

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        for i in range(workers):
            if stopping:  # stopped while starting
                break
            process = context.Process(
                target=_worker, args=(host, port, log_level, app), name=f"weiquan-{i}"
            )
            process.start()
            started.append(process)
        status = 0
        running = list(started)
        while running:
            multiprocessing.connection.wait([p.sentinel for p in running])
            for ended in [p for p in running if not p.is_alive()]:
                running.remove(ended)
                if not stopping:  # one ended on its own: stop the others
                    code = ended.exitcode
                    status = code if code is not None and code > 0 else 1
                    stop(signal.SIGTERM, None)
        return status
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _listen(host: str, port: int, *, share: bool = True) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if share:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


def load(app: str) -> Any:
    """The ASGI app named by app (an attribute named app_from_env is a factory: called), with
    everything made so far frozen out of the garbage collector's passes."""
    from uvicorn.importer import import_from_string

    loaded = import_from_string(app)
    if app.endswith(":app_from_env"):
        loaded = loaded()
    gc.collect()  # what loading left unreachable goes first: frozen, it would stay for good
    gc.freeze()
    return loaded


def _worker(host: str, port: int, log_level: str, app: str) -> None:
    import uvicorn

    sock = _listen(host, port)
    config = uvicorn.Config(load(app), log_level=log_level, proxy_headers=False)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    sys.exit(0)

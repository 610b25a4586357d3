"""``oss-queue web``: the centre console, served from the server box."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

import click

from queue_server import logs

from .main import config_option, load_or_exit, main, migrated


@main.command()
@config_option
@click.option("--bind", help="Address to listen on (default: web.bind in site.yaml, 0.0.0.0).")
@click.option("--port", type=int, help="Port (default: web.port in site.yaml, 8080).")
@click.option("--mqtt", "mqtt_url", help="Broker URL for the live floor (default: config).")
@click.option(
    "--tls-cert",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Serve HTTPS with this certificate (PEM); the cookies are then Secure.",
)
@click.option(
    "--tls-key",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The certificate's private key (PEM).",
)
@click.option("--verbose", is_flag=True)
def web(
    config_path: Path, bind: str | None, port: int | None, mqtt_url: str | None,
    tls_cert: Path | None, tls_key: Path | None, verbose: bool,
) -> None:  # fmt: skip
    """Serve the centre console: live floor, cases, complaints, staff, reports.

    Staff sign in with their staff code and PIN; `oss-queue staff set-pin CODE
    --role supervisor` gives a code the supervisor's pages (the first one is
    made here). The live floor reads the bus as the client listed with role
    `web` in site.yaml (`console: web`).
    """
    import uvicorn

    from queue_server.web.phones import more_open_files
    from queue_server.web.serve import console_app

    logs.setup(verbose)
    more_open_files()  # a phone following its ticket holds a connection
    site = load_or_exit(config_path)
    migrated(site)
    app, phone_app, where = console_app(site, mqtt_url)
    host, number = bind or site.config.web.bind, port or site.config.web.port
    if (tls_cert is None) != (tls_key is None):
        raise click.UsageError("give both --tls-cert and --tls-key, or neither")
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    scheme = "https" if tls_cert else "http"
    click.echo(f"console for {site.id} on {scheme}://{shown}:{number}/ ({where}); Ctrl-C stops")
    options: dict[str, Any] = dict(
        host=host, log_level="warning", proxy_headers=False, ssl_certfile=tls_cert,
        ssl_keyfile=tls_key,
        # live pages' streams never end by themselves: a stop or restart cuts them after
        # this (the pages reconnect to the next start)
        timeout_graceful_shutdown=3,
    )  # fmt: skip
    if phone_app is None:
        uvicorn.run(app, port=number, **options)
        return
    phone_port = site.config.web.phone_port
    click.echo(f"phone pages alone on {scheme}://{shown}:{phone_port}/")
    asyncio.run(
        serve_both(
            uvicorn.Config(app, port=number, **options),
            uvicorn.Config(phone_app, port=phone_port, lifespan="off", **options),
        )
    )


async def serve_both(console: Any, phones: Any) -> None:
    """The console's server and the phone pages' in one event loop (they share the feeds);
    the console's takes the signals, and the phones' stops with it."""
    import uvicorn

    class Follower(uvicorn.Server):
        def capture_signals(self) -> Any:  # the console's server has them
            return contextlib.nullcontext()

    main, second = uvicorn.Server(console), Follower(phones)
    follower = asyncio.create_task(second.serve())
    try:
        await main.serve()
    finally:
        second.should_exit = True
        await follower

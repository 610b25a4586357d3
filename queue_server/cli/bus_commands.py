"""CLI commands around the bus: the server, brokers, staff PINs and a request helper."""

from __future__ import annotations

import json
import socket
import sys
import time
from pathlib import Path
from typing import Any

import click

from queue_server import logs

from .main import config_option, load_or_exit, main, migrated


def _reachable(url: str) -> bool:
    from queue_server.bus.mqtt import BrokerAddress

    address = BrokerAddress.parse(url)
    try:
        with socket.create_connection((address.host, address.port), timeout=0.5):
            return True
    except OSError:
        return False


@main.command()
@config_option
@click.option(
    "--mqtt", "mqtt_url", help="Broker URL, e.g. mqtt://127.0.0.1:1883 (default: config)."
)
@click.option("--verbose", is_flag=True)
def server(config_path: Path, mqtt_url: str | None, verbose: bool) -> None:
    """Run the queue server: apply requests from the bus, publish the board.

    With `broker.embedded: true` in the config and no broker listening at the
    URL yet, the server starts the centre's broker itself: Mosquitto with the
    per-device config in broker/ beside site.yaml (amqtt where Mosquitto is
    not installed).
    """
    from queue_server.bootstrap import centre
    from queue_server.bus.accounts import AccountError, credentials_for, server_client_id
    from queue_server.bus.local_broker import start_local_broker
    from queue_server.ops.file_modes import private_files, tighten
    from queue_server.ops.server_lock import ServerRunning, server_lock

    logs.setup(verbose)
    site = load_or_exit(config_path)
    url = mqtt_url or site.config.broker.url
    migrated(site)
    for path in tighten(private_files(site)):
        click.echo(f"{path}: no longer readable by every account on this machine")
    broker = None
    if site.config.broker.embedded and mqtt_url is None and not _reachable(url):
        try:
            broker = start_local_broker(site)
        except RuntimeError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"{broker.kind} broker on {broker.address.host}:{broker.address.port}")
    try:
        credentials = credentials_for(site, server_client_id(site.id))
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        with server_lock(site):
            parts = centre(site)
            queue_server = parts.server(url, credentials=credentials)
            click.echo(f"server for {site.id} on {url}, database {site.database_url}; Ctrl-C stops")
            try:
                queue_server.run_forever()
            finally:
                parts.close()
    except (ConnectionError, ServerRunning) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if broker:
            broker.stop()


@main.group(invoke_without_command=True)
@config_option
@click.option("--mqtt", "mqtt_url", help="Where to listen (default: broker.url in the config).")
@click.option("--amqtt", is_flag=True, help="Run the amqtt fallback (no accounts, no ACL).")
@click.pass_context
def broker(ctx: click.Context, config_path: Path, mqtt_url: str | None, amqtt: bool) -> None:
    """Run the centre's broker in the foreground (what `server` starts when embedded).

    Mosquitto with the per-device config in broker/ beside site.yaml; the
    apps on this box read their passwords from broker/passwords.txt.
    """
    if ctx.invoked_subcommand is not None:
        return
    import signal
    import threading

    from queue_server.bus.local_broker import start_local_broker

    logs.setup()
    site = load_or_exit(config_path)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        running = start_local_broker(site, mqtt_url, prefer="amqtt" if amqtt else "mosquitto")
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
    with running:
        address = running.address
        click.echo(f"MQTT broker ({running.kind}) on {address.host}:{address.port}; Ctrl-C stops")
        if running.files:
            click.echo(f"device passwords: {running.files.passwords}")
        stop.wait()


@broker.command("mosquitto-config")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@config_option
@click.option("--port", default=1883, show_default=True, type=int)
@click.option("--bind", default="0.0.0.0", show_default=True)
@click.option("--tls-ca", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tls-cert", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tls-key", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tls-port", default=8883, show_default=True, type=int)
@click.option(
    "--new-passwords",
    is_flag=True,
    help="Make new passwords for every device (otherwise those in passwords.txt are kept).",
)
@click.option(
    "--log-denied",
    is_flag=True,
    help="Log denied publishes (Mosquitto logs them only at debug level, with every packet).",
)
def mosquitto_config(
    directory: Path,
    config_path: Path,
    port: int,
    bind: str,
    tls_ca: Path | None,
    tls_cert: Path | None,
    tls_key: Path | None,
    tls_port: int,
    new_passwords: bool,
    log_denied: bool,
) -> None:
    """Write a Mosquitto config, password file and per-device ACL into DIRECTORY.

    One account per device listed in site.yaml (and the server's), named by
    its client id. Run it again after adding a device to site.yaml or
    upgrading; the passwords already given out are kept. With TLS the
    plaintext listener is on 127.0.0.1 only. With `province.bridge` in
    site.yaml the config also forwards the board and presence to the
    province's broker.
    """
    from queue_server.bus.broker import write_mosquitto_config

    site = load_or_exit(config_path)
    tls_parts = (tls_ca, tls_cert, tls_key)
    if any(tls_parts) and not all(tls_parts):
        raise click.UsageError("TLS needs --tls-ca, --tls-cert and --tls-key together")
    clients = {client: role.value for client, role in site.config.clients.items()}
    files = write_mosquitto_config(
        directory,
        site.id,
        clients,
        port=port,
        bind=bind,
        tls=(tls_ca, tls_cert, tls_key) if all(tls_parts) else None,  # type: ignore[arg-type]
        tls_port=tls_port,
        new_passwords=new_passwords,
        bridge=site.config.province.bridge,
        persistence=Path("/var/lib/mosquitto"),
        log_denied=log_denied,
    )
    click.echo(f"wrote {files.config}, {files.passwd}, {files.acl}")
    if site.config.province.bridge:
        click.echo(f"with a bridge to the province: {site.config.province.bridge.url}")
    click.echo(f"one password per device (keep safe): {files.passwords}")
    click.echo(f"run it:  mosquitto -c {files.config}   (see docs/brokers.md for systemd)")


@broker.command("rotate-password")
@click.argument("client_id")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@config_option
def rotate_password(client_id: str, directory: Path, config_path: Path) -> None:
    """Give device CLIENT_ID a new broker password; every other device keeps its own.

    DIRECTORY is where `broker mosquitto-config` wrote the config. Reload
    Mosquitto afterwards (`systemctl reload mosquitto`, or restart the
    server when it runs the broker) and put the new password into that
    device's site.yaml.
    """
    from queue_server.bus.accounts import AccountError, read_passwords
    from queue_server.bus.broker import rewrite_passwords

    site = load_or_exit(config_path)
    clients = {client: role.value for client, role in site.config.clients.items()}
    try:
        files = rewrite_passwords(directory, site.id, clients, rotate=[client_id])
    except (AccountError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from None
    password = read_passwords(files.passwords)[client_id]
    click.echo(f"new password for {client_id}: {password}")
    click.echo(f"in {client_id}'s site.yaml:  broker.username: {client_id}  broker.password: …")
    click.echo("then: systemctl reload mosquitto (the old password no longer logs in)")


@main.group()
def staff() -> None:
    """Staff codes and their PINs (stored only as argon2 hashes)."""


def _registry(config_path: Path) -> Any:
    from queue_server.bootstrap import centre

    site = load_or_exit(config_path)
    migrated(site)
    return centre(site).staff


@staff.command("set-pin")
@click.argument("code")
@config_option
@click.option("--pin", prompt=True, hide_input=True, confirmation_prompt=True, help="4-12 digits.")
@click.option(
    "--role",
    type=click.Choice(["clerk", "supervisor", "admin"]),
    help="What the console lets them do (new codes: clerk; the first admin is made here).",
)
def staff_set_pin(code: str, config_path: Path, pin: str, role: str | None) -> None:
    """Add staff CODE (e.g. s01, never a name) or change its PIN (and --role)."""
    from datetime import UTC, datetime

    from queue_server.bus.messages import LoginArgs
    from queue_server.domain.staff import StaffRole

    try:
        LoginArgs(staff=code, pin=pin)
    except ValueError:
        raise click.BadParameter("a code of letters/digits and a PIN of 4-12 digits") from None
    _registry(config_path).set_pin(code, pin, datetime.now(UTC), StaffRole(role) if role else None)
    click.echo(f"PIN set for {code}" + (f" ({role})" if role else ""))


@staff.command("list")
@config_option
def staff_list(config_path: Path) -> None:
    """List staff codes, and the sign-in locks in force."""
    from datetime import UTC, datetime

    from queue_server.bus.auth import ANY_TERMINAL

    registry = _registry(config_path)
    for code, active, role in registry.members():
        click.echo(f"{code}  {role.value}{'' if active else '  (removed)'}")
    for client, code, until in registry.locks(datetime.now(UTC)):
        who = f"staff {code} on every terminal" if client == ANY_TERMINAL else f"terminal {client}"
        click.echo(f"locked: {who} until {until:%H:%M:%S} UTC (`oss-queue staff unlock`)")


@staff.command("unlock")
@click.argument("code", required=False)
@click.option("--terminal", help="Unlock this terminal (its client id) instead.")
@config_option
def staff_unlock(code: str | None, terminal: str | None, config_path: Path) -> None:
    """Forgive wrong sign-ins: of staff CODE, of one --terminal, or (neither) everyone's."""
    from queue_server.bus.auth import ANY_STAFF

    registry = _registry(config_path)
    if code and terminal:
        raise click.UsageError("give a staff CODE or --terminal, not both")
    if code:
        cleared = registry.forgive(staff=code)  # on every terminal, and its own lock
    elif terminal:
        cleared = registry.forgive(client=terminal, staff=ANY_STAFF)
    else:
        cleared = registry.forgive()
    click.echo(f"unlocked ({cleared} record{'s' if cleared != 1 else ''} of refusals cleared)")


@staff.command("remove")
@click.argument("code")
@config_option
def staff_remove(code: str, config_path: Path) -> None:
    """Remove staff CODE: it can no longer sign in."""
    if not _registry(config_path).deactivate(code):
        raise click.ClickException(f"no staff {code}")
    click.echo(f"removed {code}")


@main.group()
def bus() -> None:
    """Talk to a running server over MQTT, as an app would (for trying and debugging)."""


def _client(config_path: Path, client_id: str, mqtt_url: str | None) -> Any:
    from queue_server.bus.accounts import AccountError, credentials_for
    from queue_server.bus.client import BusClient

    site = load_or_exit(config_path)
    role = site.config.clients.get(client_id)
    try:
        credentials = credentials_for(site, client_id)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    client = BusClient(
        site=site.id,
        client_id=client_id,
        role=role.value if role else "admin",
        broker_url=mqtt_url or site.config.broker.url,
        credentials=credentials,
    )
    try:
        client.start()
    except ConnectionError as exc:
        raise click.ClickException(str(exc)) from None
    return client


def _bridge_line(url: str, state: bytes | None) -> str:
    if state is None:
        said = (
            "no word from the broker (is it Mosquitto with the bridge? "
            "run `oss-queue broker mosquitto-config` again)"
        )
    else:
        said = (
            "connected" if state == b"1" else "down: the centre works on, the province catches up"
        )
    return f"bridge to the province ({url}): {said}"


def _parse_arg(text: str) -> tuple[str, Any]:
    """``key=text`` is a string; ``key:=json`` is a JSON value (``priority:=true``)."""
    if ":=" in text:
        key, raw = text.split(":=", 1)
        try:
            return key, json.loads(raw)
        except json.JSONDecodeError:
            raise click.BadParameter(f"{text!r}: the value after := must be JSON") from None
    if "=" not in text:
        raise click.BadParameter(f"{text!r}: use key=value or key:=json")
    key, value = text.split("=", 1)
    return key, value


@bus.command("request")
@click.argument("op")
@click.argument("args", nargs=-1)
@config_option
@click.option(
    "--client-id", required=True, help="A client id listed in site.yaml (its role applies)."
)
@click.option("--mqtt", "mqtt_url")
@click.option("--timeout", default=10.0, show_default=True)
def bus_request(
    op: str,
    args: tuple[str, ...],
    config_path: Path,
    client_id: str,
    mqtt_url: str | None,
    timeout: float,
) -> None:
    """Send OP with ARGS (key=text or key:=json) and print the reply.

    Example: `oss-queue bus request ticket.issue service=general-petition --client-id kiosk-1`
    """
    client = _client(config_path, client_id, mqtt_url)
    try:
        pending = client.request(op, dict(_parse_arg(a) for a in args), timeout=timeout)
        pending.done.wait(timeout + 1)
        reply = (
            pending.reply.model_dump(mode="json", exclude_none=True)
            if pending.reply
            else {"ok": False, "error": pending.error.model_dump()}
        )
        click.echo(json.dumps(reply, ensure_ascii=False, indent=2))
        if not reply.get("ok"):
            sys.exit(1)
    finally:
        client.stop()


@bus.command("watch")
@config_option
@click.option("--client-id", default="admin", show_default=True)
@click.option("--mqtt", "mqtt_url")
@click.option("--seconds", type=float, help="Stop after this long (default: until Ctrl-C).")
def bus_watch(
    config_path: Path, client_id: str, mqtt_url: str | None, seconds: float | None
) -> None:
    """Print every state, event and presence message of the site as it arrives."""
    client = _client(config_path, client_id, mqtt_url)

    def show(topic: str, data: dict[str, Any]) -> None:
        click.echo(f"{topic} {json.dumps(data, ensure_ascii=False)}")

    for pattern in ("state/#", "event/#", "presence/#"):
        client.subscribe(f"{client.topics.base}/{pattern}", show)
    end = time.monotonic() + seconds if seconds else None
    try:
        while end is None or time.monotonic() < end:
            client.poll()
            time.sleep(0.05)
    except KeyboardInterrupt:
        pass
    finally:
        client.stop()


@main.command()
@config_option
@click.option("--client-id", default="admin", show_default=True)
@click.option("--mqtt", "mqtt_url")
@click.option("--seconds", default=2.0, show_default=True, help="How long to listen.")
def status(config_path: Path, client_id: str, mqtt_url: str | None, seconds: float) -> None:
    """Every device of the centre from its presence: online, since when, printer paper.

    Exits 1 when the queue server is not online or a device needs attention.
    """
    from queue_server.bus import messages as m
    from queue_server.bus.fleet import devices
    from queue_server.domain.service_day import BANGKOK

    site = load_or_exit(config_path)
    client = _client(config_path, client_id, mqtt_url)
    presences: dict[str, m.Presence] = {}

    def seen(topic: str, presence: m.Presence) -> None:
        presences[topic] = presence

    client.on_presence(client.topics.all_presence, seen)
    bridge: list[bytes] = []
    if site.config.province.bridge:
        from queue_server.bus.broker import bridge_state_topic

        # Mosquitto's own "1"/"0", not one of our JSON messages: read it beside the bus client
        topic = bridge_state_topic(site.id)
        client.mqtt.message_callback_add(topic, lambda c, u, msg: bridge.append(msg.payload))
        client.mqtt.subscribe(topic, qos=1)
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            client.poll()
            time.sleep(0.05)
    finally:
        client.stop()
    listed = {cid: role.value for cid, role in site.config.clients.items() if cid != client_id}
    others = [p for p in presences.values() if p.client != client_id]  # not this command itself
    rows = devices(others, listed)
    width = max(len("device"), *(len(d.client) for d in rows)) + 2
    click.echo(f"{'device':<{width}}{'role':<9}{'state':<10}{'since':<22}{'printer':<10}attention")
    for d in rows:
        state = {True: "online", False: "offline", None: "-"}[d.online]
        since = f"{d.since.astimezone(BANGKOK):%Y-%m-%d %H:%M:%S}" if d.since else "-"
        printer = d.paper or ("offline" if d.printer_online is False else "")
        click.echo(
            f"{d.client:<{width}}{d.role:<9}{state:<10}{since:<22}{printer:<10}{d.problem or ''}"
        )
    if site.config.province.bridge:
        click.echo(_bridge_line(site.config.province.bridge.url, bridge[-1] if bridge else None))
    from datetime import UTC, datetime

    from queue_server.domain.service_day import service_day_of
    from queue_server.reports.satisfaction import reminder

    due = reminder(site, service_day_of(datetime.now(UTC)))
    if due:
        click.secho(due, fg="yellow")
    server_up = any(d.role == "server" and d.online for d in rows)
    if not server_up or any(d.problem and d.problem != "never connected" for d in rows):
        sys.exit(1)

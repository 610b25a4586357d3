"""``oss-queue install ROLE``: this machine's part of the centre, as systemd services."""

from __future__ import annotations

import getpass
import subprocess
import sys
from pathlib import Path

import click

from queue_server.config.models import Role

from .main import config_option, load_or_exit, main

ROLES = [r.value for r in Role if r not in (Role.ADMIN, Role.WEB, Role.PHONE)]  # web: with server


@main.command()
@click.argument("role", type=click.Choice(ROLES))
@config_option
@click.option("--client-id", help="This machine's client id in site.yaml (screens).")
@click.option(
    "--user", default=getpass.getuser, show_default="you", help="Who the service runs as."
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("/"),
    show_default=True,
    help="Write below this folder instead (to look before installing).",
)
@click.option("--no-enable", is_flag=True, help="Write the files only; do not start anything.")
def install(
    role: str, config_path: Path, client_id: str | None, user: str, root: Path, no_enable: bool
) -> None:
    """Write and enable the systemd services for ROLE on this machine (see docs/install.md).

    server: the queue server, the centre console (`oss-queue web`), a nightly
    backup timer and, with province.database
    in site.yaml, a nightly sync to the province. kiosk, display, counter,
    rating: the app full screen on the local display, the screen never blanking;
    a kiosk with a USB printer also gets its udev rule. Each service restarts on
    failure and is restarted by systemd's watchdog if it hangs.
    """
    from queue_server.ops.units import (
        MOSQUITTO_CONFIG,
        MOSQUITTO_DROP_IN,
        WEB_UNIT,
        role_files,
        unit_name,
    )

    site = load_or_exit(config_path.resolve())
    oss_queue = Path(sys.argv[0]).resolve()
    if oss_queue.name != "oss-queue":
        oss_queue = Path(sys.executable).with_name("oss-queue")
    try:
        files = role_files(Role(role), site, oss_queue, user, client_id)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    for item in files:
        target = root / item.path.relative_to("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(item.text, encoding="utf-8")
        click.echo(f"wrote {target}")
    drop_in = any(f.path == MOSQUITTO_DROP_IN for f in files)
    generated = root / MOSQUITTO_CONFIG.relative_to("/") / "mosquitto.conf"
    if drop_in and not generated.exists():
        click.secho(
            f"no {generated} yet: run `sudo oss-queue broker mosquitto-config {MOSQUITTO_CONFIG} "
            "--config ...` (docs/install.md), then `sudo systemctl restart mosquitto`",
            fg="yellow",
        )
    if no_enable or root != Path("/"):
        click.echo("not enabled (--no-enable or --root): nothing was started")
        return
    timers = [f.path.name for f in files if f.path.suffix == ".timer"]
    units = [
        unit_name(Role(role)),
        *[f.path.name for f in files if f.path.name == WEB_UNIT],
        *timers,
    ]
    commands = [["systemctl", "daemon-reload"]]
    if drop_in:
        commands.append(["systemctl", "restart", "mosquitto"])
    commands.append(["systemctl", "enable", "--now", *units])
    for command in commands:
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise click.ClickException(f"{' '.join(command)}: {result.stderr.strip()}")
    subprocess.run(["systemctl", "restart", "systemd-journald"], check=False)  # the cap
    if any(f.path.suffix == ".rules" for f in files):
        subprocess.run(["udevadm", "control", "--reload-rules"], check=False)
    click.echo(f"enabled and started: {', '.join(units)} (journalctl -u {units[0]} -f)")

"""The files `oss-queue install ROLE` writes, as text (nothing here touches the system).

Every app runs as a systemd service that restarts on failure and pings the
watchdog (``queue_server.watchdog``): a hung server or a frozen screen is
restarted within ``WATCHDOG`` seconds. Screens draw on the local X display of
an auto-logged-in user, with blanking and power saving switched off.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from queue_server.config import Site
from queue_server.config.models import Role, UsbPrinter

WATCHDOG = 30
MOSQUITTO_CONFIG = Path("/etc/mosquitto/oss")  # where `broker mosquitto-config` writes for us
UNITS = Path("/etc/systemd/system")
MOSQUITTO_DROP_IN = UNITS / "mosquitto.service.d" / "oss-queue.conf"
SCREEN_ROLES = (Role.KIOSK, Role.DISPLAY, Role.COUNTER, Role.RATING)
WEB_UNIT = "oss-queue-web.service"  # the centre console, installed with the server
WEB_OPEN_FILES = 16384


@dataclass(frozen=True)
class InstallFile:
    path: Path  # absolute, as on the target machine
    text: str


def unit_name(role: Role) -> str:
    return f"oss-queue-{role.value}.service"


def _service(
    description: str,
    exec_start: str,
    *,
    user: str,
    site: Site,
    after: list[str],
    wanted_by: str,
    extra: Sequence[str] = (),
    notify: bool = True,
) -> str:
    lines = [
        "[Unit]",
        f"Description={description}",
        f"After={' '.join(['network-online.target', *after])}",
        "Wants=network-online.target",
        "StartLimitIntervalSec=0",
        "",
        "[Service]",
        f"Type={'notify' if notify else 'oneshot'}",
        f"User={user}",
        # what it writes (database, backups, tickets) is not for every account on the box
        "UMask=0027",
        f"WorkingDirectory={site.base_dir}",
        f"Environment=OSS_QUEUE_CONFIG={site.path}",
        *extra,
        f"ExecStart={exec_start}",
    ]
    if notify:
        lines += ["NotifyAccess=main", "Restart=always", "RestartSec=3", f"WatchdogSec={WATCHDOG}"]
    lines += ["", "[Install]", f"WantedBy={wanted_by}", ""]
    return "\n".join(lines)


def role_files(
    role: Role, site: Site, oss_queue: Path, user: str, client_id: str | None
) -> list[InstallFile]:
    config = f"--config {site.path}"
    name = site.config.site.name.en
    if role is Role.SERVER:
        after = []
        if not site.config.broker.embedded:
            after.append("mosquitto.service")
        if site.database_url.startswith("postgresql"):
            after.append("postgresql.service")
        files = [
            InstallFile(
                UNITS / unit_name(role),
                _service(
                    f"OSS Queue server ({name})",
                    f"{oss_queue} server {config}",
                    user=user,
                    site=site,
                    after=after,
                    wanted_by="multi-user.target",
                    # `systemctl reload`: apply an edited site.yaml or catalog now
                    extra=["ExecReload=/bin/kill -HUP $MAINPID"],
                ),
            ),
            InstallFile(
                UNITS / WEB_UNIT,
                _service(
                    f"OSS Queue console ({name})",
                    f"{oss_queue} web {config}",
                    user=user,
                    site=site,
                    after=[unit_name(role)],
                    wanted_by="multi-user.target",
                    # each phone following its ticket holds a connection open (docs/phone.md)
                    extra=[f"LimitNOFILE={WEB_OPEN_FILES}"],
                ),
            ),
            *backup_files(site, oss_queue, user),
            *purge_files(site, oss_queue, user),
            *sync_files(site, oss_queue, user),
            journal_cap(),
        ]
        if not site.config.broker.embedded:
            files.append(mosquitto_drop_in())
        return files
    if role not in SCREEN_ROLES:
        raise ValueError(f"no app to install for the {role.value} role")
    command = f"{oss_queue} {role.value} {config}" + (
        f" --client-id {client_id}" if client_id else ""
    )
    screen = [
        "Environment=DISPLAY=:0",
        f"Environment=XAUTHORITY={Path(os.path.expanduser(f'~{user}')) / '.Xauthority'}",
        # The screen never blanks or sleeps (the leading - ignores a missing xset).
        "ExecStartPre=-/usr/bin/xset s off -dpms s noblank",
    ]
    files = [
        InstallFile(
            UNITS / unit_name(role),
            _service(
                f"OSS Queue {role.value} ({name})",
                command,
                user=user,
                site=site,
                after=["graphical.target"],
                wanted_by="graphical.target",
                extra=screen,
            ),
        )
    ]
    files.append(journal_cap())
    if role is Role.KIOSK and isinstance(site.config.printer, UsbPrinter):
        files.append(usb_printer_rule(site.config.printer))
    return files


BACKUPS = Path("/var/backups/oss-queue")
KEEP_BACKUP_DAYS = 30
JOURNAL_MAX = "200M"


def backup_files(site: Site, oss_queue: Path, user: str) -> list[InstallFile]:
    """A nightly backup at 02:30 Bangkok time into /var/backups/oss-queue, kept 30 days."""
    command = f"{oss_queue} backup --config {site.path} --into {BACKUPS} --keep {KEEP_BACKUP_DAYS}"
    # "+": the folder is made with root's rights, then the backup runs as the user
    folder = f"ExecStartPre=+/usr/bin/install -d -o {user} -m 0750 {BACKUPS}"
    return nightly("backup", "02:30", command, site=site, user=user, extra=[folder])


def purge_files(site: Site, oss_queue: Path, user: str) -> list[InstallFile]:
    """Every night at 02:15: comments past retention.comments_days, old days past
    retention.days (their report aggregates kept)."""
    return nightly(
        "purge", "02:15", f"{oss_queue} purge --config {site.path}", site=site, user=user
    )


def sync_files(site: Site, oss_queue: Path, user: str) -> list[InstallFile]:
    """After the backup, send the day's aggregates to the province (only with province.database).

    A missed night (the box was off, the line was down) is caught up by the
    next run: `oss-queue sync` starts from the last day the province has.
    """
    if site.config.province.database is None:
        return []
    return nightly("sync", "03:15", f"{oss_queue} sync --config {site.path}", site=site, user=user)


def nightly(
    name: str, at: str, command: str, *, site: Site, user: str, extra: Sequence[str] = ()
) -> list[InstallFile]:
    """A one-shot service and its timer at ``at`` Bangkok time (whatever the box's zone).

    ``Persistent``: a night the box was off runs when it starts again.
    """
    description = f"OSS Queue nightly {name} ({site.id})"
    service = _service(
        description, command, user=user, site=site, after=[], wanted_by="multi-user.target",
        notify=False, extra=extra,
    )  # fmt: skip
    timer = "\n".join([
        "[Unit]", f"Description={description}", "",
        "[Timer]", f"OnCalendar=*-*-* {at}:00 Asia/Bangkok", "Persistent=true", "",
        "[Install]", "WantedBy=timers.target", "",
    ])  # fmt: skip
    return [
        InstallFile(UNITS / f"oss-queue-{name}.service", service),
        InstallFile(UNITS / f"oss-queue-{name}.timer", timer),
    ]


def mosquitto_drop_in(config_dir: Path = MOSQUITTO_CONFIG) -> InstallFile:
    """Run Debian's Mosquitto service on the generated config (accounts, ACL, all interfaces).

    Debian's own mosquitto.conf includes only ``conf.d/*.conf`` files and sets
    options the generated config sets too, so the service is pointed at the
    generated file instead; package upgrades keep working.
    """
    text = (
        "# OSS Queue: Mosquitto with one account per role and the ACL\n"
        "[Service]\n"
        "ExecStart=\n"
        f"ExecStart=/usr/sbin/mosquitto -c {config_dir / 'mosquitto.conf'}\n"
    )
    return InstallFile(MOSQUITTO_DROP_IN, text)


def journal_cap() -> InstallFile:
    """Logs go to the journal; on a small box its size is capped so the disk never fills."""
    text = f"# OSS Queue: keep the system journal small\n[Journal]\nSystemMaxUse={JOURNAL_MAX}\n"
    return InstallFile(Path("/etc/systemd/journald.conf.d/oss-queue.conf"), text)


def usb_printer_rule(printer: UsbPrinter) -> InstallFile:
    """Let the kiosk's user open the USB printer (group lp), whatever port it is in."""
    rule = (
        "# OSS Queue: the kiosk's ticket printer\n"
        f'SUBSYSTEM=="usb", ATTRS{{idVendor}}=="{printer.vendor_id:04x}", '
        f'ATTRS{{idProduct}}=="{printer.product_id:04x}", MODE="0660", GROUP="lp"\n'
    )
    return InstallFile(Path("/etc/udev/rules.d/60-oss-queue-printer.rules"), rule)

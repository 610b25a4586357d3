"""`oss-queue install ROLE`: the systemd units and udev rule it writes (into a folder, not /)."""

from __future__ import annotations

import getpass
import shutil
import subprocess
from pathlib import Path

from tests.integration.test_cli import run

UNITS = Path("etc/systemd/system")


def install(site_dir: Path, root: Path, *args: str) -> str:
    result = run("install", *args, "--config", str(site_dir / "site.yaml"), "--root", str(root))
    assert result.returncode == 0, result.stderr
    return result.stdout


def verify(*paths: Path) -> None:
    """systemd's own check of the unit files (syntax, and that ExecStart exists)."""
    tool = shutil.which("systemd-analyze")
    assert tool is not None, "systemd-analyze is part of Debian's systemd package"
    result = subprocess.run([tool, "verify", *map(str, paths)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Unknown" not in result.stderr and "Failed" not in result.stderr, result.stderr


def test_the_server_gets_a_watched_service_and_a_nightly_backup(site_dir, tmp_path):
    output = install(site_dir, tmp_path, "server")
    assert "nothing was started" in output
    unit = (tmp_path / UNITS / "oss-queue-server.service").read_text()
    assert "Type=notify" in unit and "WatchdogSec=30" in unit and "Restart=always" in unit
    assert f"oss-queue server --config {site_dir / 'site.yaml'}" in unit
    assert f"User={getpass.getuser()}" in unit
    timer = (tmp_path / UNITS / "oss-queue-backup.timer").read_text()
    assert "OnCalendar=*-*-* 02:30:00 Asia/Bangkok" in timer  # whatever the box's zone
    verify(*sorted((tmp_path / UNITS).iterdir()))


def test_the_server_box_serves_the_console_under_its_own_watched_service(site_dir, tmp_path):
    install(site_dir, tmp_path, "server")
    unit = (tmp_path / UNITS / "oss-queue-web.service").read_text()
    assert f"oss-queue web --config {site_dir / 'site.yaml'}" in unit
    assert "After=network-online.target oss-queue-server.service" in unit
    assert "Type=notify" in unit and "WatchdogSec=30" in unit
    assert "LimitNOFILE=16384" in unit  # a connection for each phone following its ticket
    verify(tmp_path / UNITS / "oss-queue-web.service")


def test_a_screen_runs_full_screen_on_the_local_display_without_blanking(site_dir, tmp_path):
    install(site_dir, tmp_path, "display", "--client-id", "display-1")
    unit = (tmp_path / UNITS / "oss-queue-display.service").read_text()
    assert "Environment=DISPLAY=:0" in unit
    assert "xset s off -dpms s noblank" in unit
    assert "--client-id display-1" in unit and "WantedBy=graphical.target" in unit
    verify(tmp_path / UNITS / "oss-queue-display.service")


def test_a_kiosk_with_a_usb_printer_gets_its_udev_rule(site_dir, tmp_path):
    site_yaml = site_dir / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text().replace(
            "printer:\n  backend: png\n  width_px: 576\n  dir: tickets\n",
            "printer:\n  backend: usb\n  vendor_id: 0x0416\n  product_id: 0x5011\n",
        )
    )
    install(site_dir, tmp_path, "kiosk", "--client-id", "kiosk-1")
    rule = (tmp_path / "etc/udev/rules.d/60-oss-queue-printer.rules").read_text()
    assert 'ATTRS{idVendor}=="0416"' in rule and 'ATTRS{idProduct}=="5011"' in rule
    assert 'GROUP="lp"' in rule


def test_the_nightly_backup_makes_its_folder_and_keeps_thirty_days(site_dir, tmp_path):
    install(site_dir, tmp_path, "server")
    unit = (tmp_path / UNITS / "oss-queue-backup.service").read_text()
    assert "ExecStartPre=+/usr/bin/install -d" in unit
    assert "backup --config" in unit and "--into /var/backups/oss-queue --keep 30" in unit


def test_every_box_caps_the_journal(site_dir, tmp_path):
    install(site_dir, tmp_path, "counter", "--client-id", "counter-1")
    cap = (tmp_path / "etc/systemd/journald.conf.d/oss-queue.conf").read_text()
    assert "[Journal]\nSystemMaxUse=200M" in cap


def test_a_server_on_mosquitto_points_debians_service_at_the_generated_config(site_dir, tmp_path):
    site_yaml = site_dir / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("embedded: true", "embedded: false"))
    output = install(site_dir, tmp_path, "server")
    assert "broker mosquitto-config /etc/mosquitto/oss" in output  # not generated yet: says how
    drop_in = (tmp_path / UNITS / "mosquitto.service.d/oss-queue.conf").read_text()
    assert "ExecStart=\nExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/oss/mosquitto.conf" in (
        drop_in
    )
    unit = (tmp_path / UNITS / "oss-queue-server.service").read_text()
    assert "After=network-online.target mosquitto.service" in unit


def test_a_server_with_the_embedded_broker_leaves_mosquitto_alone(site_dir, tmp_path):
    install(site_dir, tmp_path, "server")
    assert not (tmp_path / UNITS / "mosquitto.service.d").exists()


def test_a_server_reporting_to_the_province_sends_its_aggregates_nightly(site_dir, tmp_path):
    site_yaml = site_dir / "site.yaml"
    central = "postgresql+psycopg://centre:pw@reports.province.example/oss"
    site_yaml.write_text(site_yaml.read_text() + f"province:\n  database:\n    url: {central}\n")
    install(site_dir, tmp_path, "server")
    unit = (tmp_path / UNITS / "oss-queue-sync.service").read_text()
    assert f"sync --config {site_yaml}" in unit and "After=network-online.target" in unit
    timer = (tmp_path / UNITS / "oss-queue-sync.timer").read_text()
    assert "OnCalendar=*-*-* 03:15:00 Asia/Bangkok" in timer and "Persistent=true" in timer
    verify(tmp_path / UNITS / "oss-queue-sync.service", tmp_path / UNITS / "oss-queue-sync.timer")


def test_a_server_not_reporting_to_the_province_gets_no_sync(site_dir, tmp_path):
    install(site_dir, tmp_path, "server")
    assert not (tmp_path / UNITS / "oss-queue-sync.timer").exists()


def test_the_purge_runs_every_night_and_every_service_writes_private_files(site_dir, tmp_path):
    install(site_dir, tmp_path, "server")
    purge = (tmp_path / UNITS / "oss-queue-purge.service").read_text()
    assert f"purge --config {site_dir / 'site.yaml'}" in purge
    timer = (tmp_path / UNITS / "oss-queue-purge.timer").read_text()
    assert "OnCalendar=*-*-* 02:15:00 Asia/Bangkok" in timer
    for unit in (tmp_path / UNITS).glob("oss-queue-*.service"):
        assert "UMask=0027" in unit.read_text(), unit

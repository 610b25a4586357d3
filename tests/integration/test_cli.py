"""The oss-queue command as a user runs it: the installed console script, in a subprocess."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

OSS_QUEUE = str(Path(sys.executable).parent / "oss-queue")


def run(
    *args: str, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OSS_QUEUE_")}
    environment.update(env or {})
    return subprocess.run(
        [OSS_QUEUE, *args], capture_output=True, text=True, cwd=cwd, env=environment, timeout=180
    )


def leaf_commands(prefix=()):
    """Every subcommand path, read from the CLI itself (lazily built groups included)."""
    import click

    from queue_server.cli.main import main

    def walk(command, path):
        if isinstance(command, click.Group):
            context = click.Context(command)
            for name in command.list_commands(context):
                yield from walk(command.get_command(context, name), (*path, name))
        yield path

    return list(walk(main, prefix))


@pytest.mark.parametrize("path", leaf_commands(), ids=lambda p: " ".join(p) or "oss-queue")
def test_every_command_has_help(path):
    """In-process: each command's help (the subprocess test below runs the real script)."""
    from click.testing import CliRunner

    from queue_server.cli.main import main

    result = CliRunner().invoke(main, [*path, "--help"], prog_name="oss-queue")
    assert result.exit_code == 0, result.output
    assert "Usage: oss-queue" in result.output


def test_the_installed_script_answers_help():
    result = run("--help")
    assert result.returncode == 0, result.stderr
    assert "Usage: oss-queue" in result.stdout


def test_init_then_check_then_upgrade_then_issue(tmp_path):
    site = tmp_path / "mysite"
    assert run("init", str(site)).returncode == 0
    check = run("config", "check", str(site / "site.yaml"))
    assert check.returncode == 0, check.stderr
    assert "OK" in check.stdout and "32 services in 4 categories" in check.stdout
    upgrade = run("db", "upgrade", "--config", str(site / "site.yaml"))
    assert upgrade.returncode == 0, upgrade.stderr
    assert (site / "data" / "oss-queue.db").exists()


def test_what_the_commands_write_is_not_readable_by_every_account(tmp_path):
    """Found from outside: site.yaml (with the broker password), the database and the
    backups were 0644."""
    site = tmp_path / "mysite"
    run("init", str(site))
    run("db", "upgrade", "--config", str(site / "site.yaml"))
    run("backup", "--config", str(site / "site.yaml"), "--into", str(tmp_path / "backups"))
    written = [
        site / "site.yaml",
        site / "data" / "oss-queue.db",
        *(tmp_path / "backups").iterdir(),
    ]
    assert len(written) == 3
    for path in written:
        assert path.stat().st_mode & 0o007 == 0, f"{path} is {oct(path.stat().st_mode)}"


def test_the_server_takes_away_what_an_older_version_left_readable(tmp_path):
    from queue_server.config import load_site
    from queue_server.ops.file_modes import private_files, tighten

    site = tmp_path / "mysite"
    run("init", str(site))
    run("db", "upgrade", "--config", str(site / "site.yaml"))
    (site / "site.yaml").chmod(0o644)
    (site / "data" / "oss-queue.db").chmod(0o666)
    files = private_files(load_site(site / "site.yaml"))
    assert site / "data" / "oss-queue.db" in tighten(files)
    assert all(path.stat().st_mode & 0o027 == 0 for path in files)


def test_init_refuses_to_overwrite_without_force(tmp_path):
    assert run("init", str(tmp_path)).returncode == 0
    again = run("init", str(tmp_path))
    assert again.returncode != 0 and "--force" in again.stderr
    assert run("init", str(tmp_path), "--force").returncode == 0


def test_config_check_names_the_field_and_exits_non_zero(site_dir):
    site_yaml = site_dir / "site.yaml"
    lines = site_yaml.read_text().splitlines()
    line = lines.index("  ratio: 2") + 1
    lines[line - 1] = "  ratio: many"
    site_yaml.write_text("\n".join(lines))
    result = run("config", "check", str(site_yaml))
    assert result.returncode == 2
    assert (
        f"site.yaml line {line}, priority → ratio: Input should be a valid integer" in result.stderr
    )


def test_config_is_found_from_the_environment(site_dir):
    env = {"OSS_QUEUE_CONFIG": str(site_dir / "site.yaml")}
    assert run("db", "upgrade", env=env).returncode == 0
    from queue_server.storage.migrate import head_revision

    head = head_revision()
    assert f"current {head}, latest {head}" in run("db", "current", env=env).stdout


def test_a_refused_operation_is_a_message_not_a_traceback(site_dir):
    config = ["--config", str(site_dir / "site.yaml")]
    run("db", "upgrade", *config)
    result = run("ticket", "issue", "--service", "passport", *config)
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "refused (unknown_service): no service 'passport' in this centre's catalog"
    )


@pytest.mark.slow
@pytest.mark.broker
def test_the_headless_demo_plays_a_morning_and_leaves_pictures_and_reports(tmp_path):
    out = tmp_path / "out"
    result = run("demo", "--dir", str(tmp_path / "demo"), "--headless", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "counter 3 transfers D001" in result.stdout
    assert "the citizen of A001 rates the service" in result.stdout
    assert "counter 2: รับเรื่องแล้ว เลขที่ ส-" in result.stdout  # a forwarded case
    assert "kiosk: a citizen suggests" in result.stdout
    assert len(list((out / "screens").glob("*.png"))) == 12
    assert len(list((out / "tickets").glob("*.png"))) == 7  # six tickets and the case's slip
    assert len(list((out / "tickets").glob("*-case-*.png"))) == 1
    reports = {p.name.split("-")[0] for p in (out / "reports").iterdir()}
    assert reports == {"daily", "cases", "satisfaction"}


def test_ticket_preview_writes_the_ticket_image(site_dir, tmp_path):
    out = tmp_path / "ticket.png"
    config = ["--config", str(site_dir / "site.yaml")]
    result = run(
        "ticket",
        "preview",
        "--service",
        "disability-card",
        "--out",
        str(out),
        "--width",
        "384",
        *config,
    )
    assert result.returncode == 0, result.stderr
    from PIL import Image

    image = Image.open(out)
    assert image.width == 384 and image.mode == "1"


def test_ticket_preview_names_an_unknown_service(site_dir, tmp_path):
    result = run(
        "ticket", "preview", "--service", "passport", "--config", str(site_dir / "site.yaml")
    )
    assert result.returncode == 2 and "no service 'passport'" in result.stderr


def test_printer_test_prints_a_sample_that_can_never_be_a_real_ticket(site_dir):
    """Found: `printer test` printed A001 with a QR pointing at today's real A001."""
    import zxingcpp
    from PIL import Image

    result = run(
        "printer", "test", "--lang", "en", "--priority", "--width", "384",
        "--config", str(site_dir / "site.yaml"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("A000 (sample) printed")
    (printed,) = (site_dir / "tickets").glob("*.png")
    image = Image.open(printed)
    assert image.width == 384
    (code,) = zxingcpp.read_barcodes(image.convert("L"))
    assert code.text.endswith(":sample")


def test_printer_status_of_an_unreachable_network_printer(site_dir):
    site_yaml = site_dir / "site.yaml"
    text = site_yaml.read_text().replace(
        "printer:\n  backend: png\n  width_px: 576\n  dir: tickets\n",
        "printer:\n  backend: network\n  host: 127.0.0.1\n  port: 9\n  timeout_s: 0.5\n",
    )
    site_yaml.write_text(text)
    result = run("printer", "status", "--config", str(site_yaml))
    assert result.returncode == 1
    assert "online   no" in result.stdout and "cannot reach the printer" in result.stdout


@pytest.mark.slow  # subprocesses: in `make test`, not `make test-fast`
@pytest.mark.parametrize("ending", ["xlsx", "csv", "pdf"])
def test_report_satisfaction_writes_each_format(site_dir, tmp_path, ending):
    config = ["--config", str(site_dir / "site.yaml")]
    run("db", "upgrade", *config)
    out = tmp_path / f"q1.{ending}"
    result = run(
        "report",
        "satisfaction",
        "--fiscal-year",
        "2569",
        "--quarter",
        "1",
        "--out",
        str(out),
        *config,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0 and "no answers in this quarter" in result.stdout


def test_report_satisfaction_needs_a_buddhist_era_year(site_dir, tmp_path):
    result = run(
        "report",
        "satisfaction",
        "--fiscal-year",
        "2026",
        "--quarter",
        "1",
        "--out",
        str(tmp_path / "x.csv"),
        "--config",
        str(site_dir / "site.yaml"),
    )
    assert result.returncode == 2 and "Buddhist era" in result.stderr


def test_purge_dry_run_says_what_it_would_remove(site_dir):
    result = run(
        "purge", "--dry-run", "--before", "2025-12-01", "--config", str(site_dir / "site.yaml")
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("would remove 0 days")


@pytest.mark.slow  # subprocesses: in `make test`, not `make test-fast`
def test_backup_and_restore_from_the_command_line(site_dir, tmp_path):
    config = ["--config", str(site_dir / "site.yaml")]
    run("db", "upgrade", *config)
    saved = tmp_path / "saved.db"
    result = run("backup", "--out", str(saved), *config)
    assert result.returncode == 0 and saved.stat().st_size > 0, result.stderr
    result = run("restore", str(saved), "--yes", *config)
    assert result.returncode == 0 and "restored" in result.stdout, result.stderr
    missing = run("restore", str(tmp_path / "nope.db"), "--yes", *config)
    assert missing.returncode == 1 and "no backup at" in missing.stderr


def test_simulate_compares_the_policies_and_draws_the_queue(site_dir, tmp_path):
    out = tmp_path / "sim"
    result = run(
        "simulate", "--config", str(site_dir / "site.yaml"), "--days", "5", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    for policy in ("strict", "ratio", "ageing"):
        assert f"\n{policy} " in result.stdout
    assert "in range" in result.stdout
    assert (out / "queue-length.png").stat().st_size > 10_000


def test_simulate_refuses_a_counter_the_site_does_not_have(site_dir, tmp_path):
    result = run("simulate", "--config", str(site_dir / "site.yaml"), "--counters", "9")
    assert result.returncode != 0
    assert "counters not in site.yaml: ['9']" in result.stderr


def test_the_province_board_refuses_a_broker_address_it_cannot_use():
    result = run("province-board", "--mqtt", "http://province.example")
    assert result.returncode == 2
    assert "use mqtt://host:1883 or mqtts://host:8883" in result.stderr


def test_init_sets_the_address_phones_open_tickets_at_to_this_boxs(tmp_path):
    from queue_server.config import load_site
    from queue_server.ops.phone_address import lan_address

    site = tmp_path / "mysite"
    assert run("init", str(site)).returncode == 0
    address = lan_address()
    web = load_site(site / "site.yaml").config.web
    if address:  # the phone pages on a port of their own: the console's is not the Wi-Fi's
        assert (web.phone_url, web.phone_port) == (f"http://{address}:8081", 8081)
    else:
        assert web.phone_url is None


def test_config_check_warns_when_phones_cannot_open_the_tickets_address(site_dir):
    text = (site_dir / "site.yaml").read_text(encoding="utf-8")
    for line, warned in [
        ("  # phone_url: http://192.168.1.10:8081", "not set"),
        ("  phone_url: http://127.0.0.1:8080", "a phone cannot open it"),
    ]:
        (site_dir / "site.yaml").write_text(
            text.replace("  # phone_url: http://192.168.1.10:8081", line), encoding="utf-8"
        )
        check = run("config", "check", str(site_dir / "site.yaml"))
        assert check.returncode == 0 and warned in check.stdout


def test_the_kiosks_pin_is_hashed_as_cheaply_as_the_servers(tmp_path):
    """Found measuring the kiosk (issue 22): `kiosk --hash-pin` used argon2's default,
    64 MiB a check, and the kiosk grew by that each time staff opened its corner."""
    result = subprocess.run(
        [OSS_QUEUE, "kiosk", "--hash-pin"], input="2468\n2468\n", capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "$m=19456,t=2,p=1$" in result.stdout


def test_config_check_warns_of_a_kiosk_pin_hashed_at_the_librarys_cost(site_dir):
    from argon2 import PasswordHasher

    site_yaml = site_dir / "site.yaml"
    costly = PasswordHasher().hash("2468")  # what --hash-pin printed until issue 22
    text = site_yaml.read_text().replace(
        "    # staff_pin_hash: from `oss-queue kiosk --hash-pin`",
        f'    staff_pin_hash: "{costly}"',
    )
    site_yaml.write_text(text)
    result = run("config", "check", str(site_yaml))
    assert result.returncode == 0, result.stderr
    assert "staff_pin_hash is a costlier hash" in result.stdout

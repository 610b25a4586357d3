"""``oss-queue display | counter | rating | kiosk | voice``: the screen apps and voice clips."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from queue_server.config.models import Role

from .main import config_option, counter, load_or_exit, main


def _pixels(pattern: str, hint: str) -> Callable[..., Any]:
    """A click callback turning e.g. "1280x720" into (1280, 720)."""

    def parse(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
        if value is None:
            return None
        match = re.fullmatch(pattern, value)
        if not match:
            raise click.BadParameter(hint)
        return int(match.group(1)), int(match.group(2))

    return parse


_size = _pixels(r"(\d{3,4})x(\d{3,4})", "use WIDTHxHEIGHT, e.g. 1280x720")
_position = _pixels(r"(\d{1,5}),(\d{1,5})", "use X,Y in pixels from the top left, e.g. 0,0")


def _screen_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            config_option,
            click.option("--client-id", help="This machine's client id in site.yaml."),
            click.option("--window", is_flag=True, help="A window instead of full screen."),
            click.option("--size", callback=_size, help="Window size, e.g. 1280x720."),
            click.option("--at", "position", callback=_position, help="Window position X,Y."),
            click.option("--mqtt", "mqtt_url", help="Broker URL (default: from site.yaml)."),
        ]
    ):
        func = option(func)
    return func


def _run(role: Role, config_path: Path, client_id: str | None, **options: Any) -> None:
    from queue_server.bus.accounts import AccountError, credentials_for
    from screens.common.bus_link import ClientIdError, client_id_for

    site = load_or_exit(config_path)
    try:
        chosen = client_id_for(site, role, client_id)
        credentials_for(site, chosen)  # its own broker account, said now rather than in a window
    except (ClientIdError, AccountError) as exc:
        raise click.ClickException(str(exc)) from None
    from .launch import run_screen

    run_screen(role, site, client_id=chosen, **options)


@main.command()
@_screen_options
def display(config_path: Path, client_id: str | None, **options: Any) -> None:
    """The waiting-room board: counters, last calls, queues, spoken calls."""
    _run(Role.DISPLAY, config_path, client_id, **options)


@main.command()
@_screen_options
@click.option("--counter", "counter_id", help="The counter this tablet sits at.")
def rating(
    config_path: Path, client_id: str | None, counter_id: str | None, **options: Any
) -> None:
    """The rating tablet at a counter: asks each citizen served there for a rating."""
    _run(Role.RATING, config_path, client_id, counter=counter_id, **options)


@main.command()
@_screen_options
@click.option(
    "--hash-pin",
    is_flag=True,
    help="Ask for the staff-corner PIN and print the line for site.yaml, then exit.",
)
def kiosk(config_path: Path, client_id: str | None, hash_pin: bool, **options: Any) -> None:
    """The citizen's touchscreen: choose a service, get a ticket, rate the service.

    Staff open its corner menu (printer status, test print, reload, exit) by
    tapping the top-left corner five times and entering the PIN.
    """
    if hash_pin:
        from queue_server.pins import hash_pin as hashed

        pin = click.prompt(
            "Kiosk staff PIN (4-12 digits)", hide_input=True, confirmation_prompt=True
        )
        if not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise click.ClickException("the PIN must be 4 to 12 digits")
        click.echo("Put this under screens: kiosk: in site.yaml:")
        click.echo(f'    staff_pin_hash: "{hashed(pin)}"')
        return
    _run(Role.KIOSK, config_path, client_id, **options)


def run_counter_terminal(
    config_path: Path, client_id: str | None, counter_id: str | None, **options: Any
) -> None:
    _run(Role.COUNTER, config_path, client_id, counter=counter_id, **options)


# The terminal's options live on the `counter` group (its subcommands are the CLI ops).
_screen_options(counter)
click.option("--counter", "counter_id", help="Preselect this counter on the sign-in screen.")(
    counter
)


# -- voice clips ------------------------------------------------------------------


@main.group()
def voice() -> None:
    """The recorded clips the display joins into spoken calls."""


def _needed(config_path: Path, directory: Path | None) -> tuple[Any, list[str]]:
    from screens.voice.site import site_clips, site_pack

    site = load_or_exit(config_path)
    return site_pack(site, directory), site_clips(site)


@voice.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@config_option
def voice_check(directory: Path | None, config_path: Path) -> None:
    """List the clips DIRECTORY (default: the site's voice pack) lacks or has in a wrong format."""
    from screens.voice.phrase import how_to_say

    pack, clips = _needed(config_path, directory)
    problems = pack.problems(clips)
    click.echo(f"{pack.folder}: {len(clips) - len(problems)} of {len(clips)} clips ready")
    for problem in problems:
        click.echo(f"  {problem.clip}.wav  (say: {how_to_say(problem.clip)})  {problem.problem}")
    if problems:
        click.echo("Record them with: oss-queue voice record " + str(pack.folder))
        raise SystemExit(1)
    click.echo("Every call can be spoken.")


@voice.command("record")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@config_option
@click.option("--device", default="default", show_default=True, help="ALSA capture device.")
@click.option("--all", "everything", is_flag=True, help="Record every clip, not only missing ones.")
def voice_record(directory: Path | None, config_path: Path, device: str, everything: bool) -> None:
    """Walk through recording each clip from the microphone, one prompt at a time."""
    import tempfile

    from screens.voice.phrase import how_to_say
    from screens.voice.recording import Recorder, RecordingError, keep_clip

    pack, clips = _needed(config_path, directory)
    todo = clips if everything else [p.clip for p in pack.problems(clips)]
    if not todo:
        click.echo(f"{pack.folder} has every clip. Use --all to record them again.")
        return
    pack.folder.mkdir(parents=True, exist_ok=True)
    click.echo(f"{len(todo)} clips to record into {pack.folder}. Speak clearly, close to the mic.")
    recorder = Recorder(device)
    raw = Path(tempfile.mkdtemp(prefix="oss-record-")) / "take.wav"
    for index, clip in enumerate(todo, 1):
        while True:
            click.echo(f"\n[{index}/{len(todo)}] Say: «{how_to_say(clip)}»  ({clip}.wav)")
            answer = click.prompt(
                "Enter to start, s to skip, q to quit", default="", show_default=False
            )
            if answer.lower() == "q":
                return
            if answer.lower() == "s":
                break
            try:
                recorder.start(raw)
            except RecordingError as exc:
                raise click.ClickException(str(exc)) from None
            click.prompt("Recording… Enter to stop", default="", show_default=False)
            recorder.stop()
            problem = keep_clip(raw, pack.clip_path(clip))
            if problem is None:
                click.echo(f"Saved {pack.clip_path(clip)}")
                break
            click.echo(f"Not saved: {problem}.")
    click.echo("\nDone. `oss-queue voice check` tells what is still missing.")


@main.command("province-board")
@click.option("--mqtt", "mqtt_url", required=True, help="The province broker, e.g. mqtts://…:8883.")
@click.option("--username", help="A read-only dashboard account on it.")
@click.option(
    "--password", envvar="OSS_PROVINCE_PASSWORD", help="Its password (or $OSS_PROVINCE_PASSWORD)."
)
@click.option("--ca-file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--client-id", default="province-board", show_default=True)
@click.option("--page-seconds", default=12.0, show_default=True, help="How long a page shows.")
@click.option("--window", is_flag=True, help="A window instead of full screen.")
@click.option("--size", callback=_size, help="Window size, e.g. 1920x1080.")
@click.option("--at", "position", callback=_position, help="Window position X,Y.")
def province_board(
    mqtt_url: str,
    username: str | None,
    password: str | None,
    ca_file: Path | None,
    client_id: str,
    page_seconds: float,
    **options: Any,
) -> None:
    """Every centre of the province at a glance: open or not, who waits, what needs staff.

    Reads the province broker the centres' bridges feed (docs/scale.md); it
    only reads. Centres come in Thai order, twelve to a page.
    """
    from queue_server.bus.client import BusClient
    from queue_server.bus.mqtt import BrokerAddress, Credentials

    from .launch import run_province_board

    try:
        BrokerAddress.parse(mqtt_url)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None

    def client() -> BusClient:
        return BusClient(
            site="province",
            client_id=client_id,
            role="admin",
            broker_url=mqtt_url,
            credentials=Credentials(username, password, ca_file),
            presence=False,
        )

    run_province_board(client, page_seconds=page_seconds, **options)

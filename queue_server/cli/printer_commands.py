"""CLI commands for tickets on paper: preview, test print, printer status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .main import config_option, load_or_exit, main, ticket


def _sample(site: Any, service: str | None, lang: str, priority: bool) -> Any:
    """The sample ticket (printers.tickets.sample_ticket); an unknown service is a usage error."""
    from printers.tickets import sample_ticket
    from queue_server.domain.errors import DomainError

    try:
        return sample_ticket(site, service, lang, priority)
    except DomainError as exc:
        raise click.BadParameter(exc.message, param_hint="--service") from None


def _printing(site: Any, width: str | None = None) -> Any:
    """The site's ticket printing, on paper ``width`` pixels wide if given (else config)."""
    from printers.tickets import TicketPrinting
    from thaitext.fonts import FontSetupError

    try:
        printing = TicketPrinting(site)
    except FontSetupError as exc:
        raise click.ClickException(str(exc)) from None
    if width:
        printing.width = int(width)
    return printing


# --lang, --priority and --width: what a sample ticket looks like, for preview and test.
def _sample_options(command: Any) -> Any:
    for option in (
        click.option("--priority", is_flag=True, help="With the priority ticket's mark."),
        click.option(
            "--width",
            type=click.Choice(["576", "512", "384"]),
            help="Paper width in pixels (default: config).",
        ),
        click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True),
    ):
        command = option(command)
    return command


@ticket.command("preview")
@config_option
@click.option("--service", "service_code", required=True, help="Service code from the catalog.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("ticket.png"),
    show_default=True,
)
@click.option("--number", help="Number to show (default: the service's prefix and 001).")
@_sample_options
def ticket_preview(
    config_path: Path,
    service_code: str,
    out: Path,
    number: str | None,
    lang: str,
    width: str | None,
    priority: bool,
) -> None:
    """Write the ticket image a kiosk would print, as a PNG."""
    site = load_or_exit(config_path)
    printing = _printing(site, width)
    sample = _sample(site, service_code, lang, priority)
    shown = sample.model_copy(update={"number": number or f"{sample.number[:-3]}001"})
    image = printing.render(shown)
    image.save(out)
    click.echo(f"wrote {out} ({image.width}×{image.height} px)")


@main.group()
def printer() -> None:
    """The ticket printer named in the site config."""


@printer.command("status")
@config_option
def printer_status(config_path: Path) -> None:
    """Ask the printer whether it is online and has paper."""
    site = load_or_exit(config_path)
    status = _printing(site).status()
    click.echo(f"printer  {site.config.printer.backend}")
    click.echo(
        f"online   {'unknown' if status.online is None else 'yes' if status.online else 'no'}"
    )
    click.echo(f"paper    {status.paper.value}")
    if status.reason:
        click.secho(f"problem  {status.reason}", fg="red")
        raise SystemExit(1)


@printer.command("test")
@config_option
@click.option(
    "--service", "service_code", help="Service for the sample (default: the first in the catalog)."
)
@_sample_options
def printer_test(
    config_path: Path, service_code: str | None, lang: str, priority: bool, width: str | None
) -> None:
    """Print a sample ticket on the configured printer.

    The sample is marked so and numbered with 000, which the queue never issues;
    its QR is no ticket's, so it cannot be mistaken for a real one or rated.
    """
    site = load_or_exit(config_path)
    printing = _printing(site, width)
    sample = _sample(site, service_code, lang, priority)
    result = printing.print_ticket(sample)
    where = f" → {result.path}" if result.path else ""
    click.echo(f"{sample.number} (sample) {result.outcome.value}{where}")
    if result.reason:
        click.secho(result.reason, fg="red")
    if not result.printed:
        raise SystemExit(1)

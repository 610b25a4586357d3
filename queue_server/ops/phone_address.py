"""Where citizens' phones reach the phone pages: this box's address on the centre's LAN.

The ticket's QR holds the full address (``web.phone_url``), so it must be one a
phone on the centre's Wi-Fi can open: never 127.0.0.1, never a name only the
server box knows.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

# the commented lines of assets/site.yaml that `oss-queue init` fills in
PHONE_PORT_EXAMPLE = "  # phone_port: 8081"
PHONE_URL_EXAMPLE = "  # phone_url: http://192.168.1.10:8081"
PHONE_PORT = 8081


def with_phone_pages(site_yaml: str, address: str, port: int = PHONE_PORT) -> str:
    """site.yaml's text with the phone pages on ``port`` of their own, at ``address``."""
    return site_yaml.replace(PHONE_PORT_EXAMPLE, f"  phone_port: {port}").replace(
        PHONE_URL_EXAMPLE, f"  phone_url: http://{address}:{port}"
    )


def lan_address() -> str | None:
    """This box's IPv4 address on its default route, or None without one.

    Connecting a UDP socket sends nothing: it only asks the kernel which
    address it would send from (192.0.2.1 is a documentation address).
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if ipaddress.ip_address(address).is_loopback else address


def phone_url_problem(url: str | None) -> str | None:
    """Why phones could not follow their tickets with ``url``, or None when they can."""
    if not url:
        return "web.phone_url is not set: the ticket's QR is for the kiosk only, not phones"
    host = urlsplit(url).hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if loopback:
        return f"web.phone_url {url} is this box itself: a phone cannot open it"
    return None

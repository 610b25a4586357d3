"""What `oss-queue status` makes of presence messages."""

from queue_server.bus import messages as m
from queue_server.bus.fleet import devices

LISTED = {"kiosk-1": "kiosk", "display-1": "display", "admin": "admin"}


def test_without_a_server_the_status_says_so() -> None:
    rows = devices([], LISTED)
    assert (rows[0].client, rows[0].problem) == ("(server)", "no queue server seen")


def test_a_kiosk_whose_printer_does_not_answer_needs_attention() -> None:
    kiosk = m.Presence(
        online=True, role="kiosk", client="kiosk-1",
        extra={"printer_online": False, "printer_error": "nothing listening", "paper": "unknown"},
    )  # fmt: skip
    server = m.Presence(online=True, role="server", client="server-x")
    rows = {d.client: d for d in devices([kiosk, server], LISTED)}
    assert rows["kiosk-1"].problem == "printer offline (nothing listening)"
    assert rows["display-1"].problem == "never connected"
    assert "admin" not in rows


def test_a_server_that_could_not_apply_an_edit_needs_attention() -> None:
    problem = "site.yaml or catalog not applied: catalog.yaml line 3: ..."
    server = m.Presence(
        online=True, role="server", client="server-x", extra={"config_problem": problem}
    )
    [row] = [d for d in devices([server], {}) if d.role == "server"]
    assert row.problem == problem


def test_a_device_the_server_rate_limited_needs_attention() -> None:
    kiosk = m.Presence(online=True, role="kiosk", client="kiosk-1")
    server = m.Presence(
        online=True, role="server", client="server-x", extra={"rate_limited": {"kiosk-1": 980}}
    )
    rows = {d.client: d for d in devices([kiosk, server], LISTED)}
    assert rows["kiosk-1"].problem == "980 requests refused (rate limit)"

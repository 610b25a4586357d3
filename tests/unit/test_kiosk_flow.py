"""The kiosk's rules without a window: idle, the staff corner, a scanned ticket QR."""

from datetime import date

from argon2 import PasswordHasher

from kiosk.flow import STAFF_TAPS, Idle, StaffCorner, Tick, scanned, staff_pin_ok

TODAY = date(2026, 11, 23)


def idle() -> Idle:
    return Idle(idle_seconds=60, patience_seconds=4, last_touch=0.0)


def test_an_untouched_kiosk_goes_back_to_welcome_after_its_idle_time() -> None:
    kiosk = idle()
    assert kiosk.tick("service", 59, waiting_for=None) is Tick.STAY
    assert kiosk.tick("service", 61, waiting_for=None) is Tick.WELCOME
    assert kiosk.tick("welcome", 600, waiting_for=None) is Tick.STAY


def test_a_ticket_being_issued_is_never_abandoned_and_staff_are_asked_after_patience() -> None:
    kiosk = idle()
    assert kiosk.tick("ticket", 600, waiting_for=3) is Tick.STAY
    assert kiosk.tick("ticket", 600, waiting_for=5) is Tick.ASK_STAFF


def test_the_ticket_page_stays_its_time_and_while_it_is_being_touched() -> None:
    kiosk = idle()
    kiosk.showing_ticket(100, 20)
    assert kiosk.tick("ticket", 110, waiting_for=None) is Tick.STAY
    kiosk.touched(119)
    assert kiosk.tick("ticket", 121, waiting_for=None) is Tick.STAY
    assert kiosk.tick("ticket", 123, waiting_for=None) is Tick.WELCOME


def test_five_quick_taps_open_the_staff_corner_slow_ones_do_not() -> None:
    corner = StaffCorner()
    assert [corner.tap(t * 0.5) for t in range(STAFF_TAPS)] == [False] * 4 + [True]
    slow = StaffCorner()
    assert not any(slow.tap(t * 2.0) for t in range(STAFF_TAPS * 2))


def test_the_staff_pin_is_checked_against_its_hash_and_no_hash_keeps_the_corner_shut() -> None:
    stored = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("2468")
    assert staff_pin_ok(stored, "2468") is True
    assert staff_pin_ok(stored, "1111") is False
    assert staff_pin_ok(None, "2468") is None


def test_a_scanned_ticket_of_today_from_here_is_looked_up_others_are_refused() -> None:
    assert scanned(f"OSS:maekorn:{TODAY}:A001", "maekorn", lambda: TODAY).number == "A001"
    assert scanned(f"OSS:other:{TODAY}:A001", "maekorn", lambda: TODAY).foreign
    assert scanned("OSS:maekorn:2026-11-22:A001", "maekorn", lambda: TODAY).foreign
    assert scanned("https://example.org", "maekorn", lambda: TODAY) is None


def test_a_scanned_phone_address_is_looked_up_by_its_token() -> None:
    """The ticket's QR now opens the phone page; the kiosk's rating still reads it."""
    token = "ABCDEFGHIJKLMNOPQRSTUVW2"
    scan = scanned(f"HTTP://192.168.1.10:8080/T/{token}", "maekorn", lambda: TODAY)
    assert scan is not None and scan.token == token and not scan.foreign

"""Per-device rate limits: a burst is served, a flood is refused, a day's numbers survive."""

from queue_server.bus.limits import RateLimits
from queue_server.config.models import LimitsModel, Role


class Tick:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_is_served_then_the_device_must_wait() -> None:
    limits = RateLimits(LimitsModel(), clock=Tick())
    waits = [limits.request("kiosk-1", Role.KIOSK) for _ in range(21)]
    assert waits[:20] == [0.0] * 20
    assert 1.9 < waits[20] <= 2.0  # 30 a minute: one every 2 s
    assert limits.refused == {"kiosk-1": 1}


def test_one_devices_flood_does_not_slow_another_device() -> None:
    limits = RateLimits(LimitsModel(), clock=Tick())
    for _ in range(500):
        limits.request("kiosk-1", Role.KIOSK)
    assert limits.request("counter-1", Role.COUNTER) == 0.0


def test_the_server_and_admin_are_not_limited() -> None:
    limits = RateLimits(LimitsModel(), clock=Tick())
    assert all(limits.request("admin", Role.ADMIN) == 0.0 for _ in range(1000))


def test_one_kiosk_cannot_issue_a_queues_999_numbers_in_a_long_day() -> None:
    """A kiosk taking every ticket it is allowed, from 07:00 to 19:00."""
    tick = Tick()
    limits = RateLimits(LimitsModel(), clock=tick)
    issued = 0
    while tick.now < 12 * 3600:
        if limits.ticket("kiosk-1") == 0.0:
            issued += 1
        tick.now += 1
    assert issued < 999
    assert 30 + 12 * 60 - 1 <= issued <= 30 + 12 * 60  # the burst, then one a minute


def test_a_morning_rush_of_thirty_citizens_at_one_kiosk_is_served() -> None:
    tick = Tick()
    limits = RateLimits(LimitsModel(), clock=tick)
    waits = []
    for _ in range(30):
        waits.append(limits.ticket("kiosk-1") or limits.request("kiosk-1", Role.KIOSK))
        tick.now += 20  # one citizen every 20 s
    assert waits == [0.0] * 30

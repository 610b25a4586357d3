"""The server worker's inbox: two lanes, the first taken first, each in its own order."""

import queue

import pytest

from queue_server.bus.inbox import Inbox


def test_the_first_lane_is_taken_before_anything_queued_earlier_in_the_rest():
    inbox: Inbox[str] = Inbox()
    for item in ("login-1", "login-2", "login-3"):
        inbox.put(item)
    inbox.put("ticket", first=True)
    assert [inbox.get_nowait() for _ in range(4)] == ["ticket", "login-1", "login-2", "login-3"]


def test_each_lane_keeps_its_own_order():
    inbox: Inbox[str] = Inbox()
    for item in ("a1", "b1", "a2", "b2"):
        inbox.put(item, first=item.startswith("a"))
    assert [inbox.get_nowait() for _ in range(4)] == ["a1", "a2", "b1", "b2"]


def test_an_empty_inbox_says_so_as_a_queue_does():
    inbox: Inbox[str] = Inbox()
    with pytest.raises(queue.Empty):
        inbox.get_nowait()
    with pytest.raises(queue.Empty):
        inbox.get(timeout=0.01)

"""The rating tablet in a real window: a completed ticket is rated once, anonymously."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from queue_server.bus.client import BusClient
from queue_server.bus.server import QueueServer
from queue_server.config import Site
from queue_server.config.models import Role
from screens.common.bus_link import BusLink, make_bus
from screens.rating.app import RatingController
from tests.integration.bus.conftest import served_ticket
from tests.support.brokers import RunningBroker
from tests.support.kivy_window import Window
from tests.support.stored import stored_ratings

SIZE = (1280, 800)


@pytest.fixture
def tablet(site: Site, broker: RunningBroker, window: Window) -> Iterator[RatingController]:
    link = BusLink(make_bus(site, "rating-2", Role.RATING, broker.url))
    controller = RatingController(site, link, "2")
    window.show(controller.root, SIZE)
    controller.start()
    window.pump(5, until=lambda: link.online)
    yield controller
    controller.stop()


def test_a_completed_ticket_is_rated_once_through_the_faces(
    server: QueueServer,
    app: Callable[..., BusClient],
    tablet: RatingController,
    window: Window,
    site: Site,
) -> None:
    window.shot("rating-01-idle")
    number = served_ticket(app)
    window.pump(5, until=lambda: tablet.root.current == "form")
    assert number in window.texts()
    window.shot("rating-02-question-1")
    for level in (5, 4, 4):
        window.tap(window.button(f"face-{level}"))
    window.shot("rating-03-question-4")
    window.tap(window.button("face-5"))
    window.tap(window.button("profile-sex-female"))  # about the respondent: bands, skippable
    window.tap(window.button("profile-age-60-plus"))
    window.tap(window.button("profile-occupation-farmer"))
    window.tap(window.button("profile-occupation-farmer"))  # tapped again: taken back
    window.shot("rating-04-about-you")
    window.tap(window.button("profile-next"))
    window.tap(window.button("comment-1"))
    window.shot("rating-04-comments")
    window.tap(window.button("rating-send"))
    window.pump(5, until=lambda: number in tablet.submitted)
    window.shot("rating-05-thanks")
    rows = stored_ratings(site)
    assert len(rows) == 1
    assert rows[0]["scores"] == {"process": 5, "staff": 4, "facilities": 4, "outcome": 5}
    assert rows[0]["comment"] == "เจ้าหน้าที่สุภาพ"
    assert rows[0]["profile"] == {"sex": "female", "age": "60-plus"}


def test_the_form_closes_unanswered_after_the_timeout(
    server: QueueServer,
    app: Callable[..., BusClient],
    tablet: RatingController,
    window: Window,
    site: Site,
) -> None:
    tablet.timeout = 1
    served_ticket(app)
    window.pump(5, until=lambda: tablet.root.current == "form")
    window.pump(4, until=lambda: tablet.root.current == "idle")
    assert stored_ratings(site) == []


def test_after_rating_a_suggestion_can_follow_about_the_same_ticket(
    server: QueueServer, app: Callable[..., BusClient], tablet: RatingController, window: Window
) -> None:
    number = served_ticket(app)
    window.pump(5, until=lambda: tablet.root.current == "form")
    for level in (5, 5, 5, 5):
        window.tap(window.button(f"face-{level}"))
    window.tap(window.button("profile-skip"))
    window.tap(window.button("rating-send"))
    window.pump(5, until=lambda: number in tablet.submitted)
    window.tap(window.button("complain"))
    window.tap(window.button("kind-suggestion"))
    window.tap(window.button("topic-facilities"))
    window.tap(window.button("phrase-2"))
    window.tap(window.button("complaint-send"))
    window.pump(5, until=lambda: "ร-2569-000001" in window.texts())
    window.shot("rating-06-suggestion-received")
    (filed,) = server.service.complaints.listing().complaints
    assert (filed.complaint.kind.value, filed.complaint.number) == ("suggestion", number)
    assert filed.complaint.text == "ที่จอดรถไม่พอ"

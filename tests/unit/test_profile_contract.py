"""The respondent's bands agree between the contract and the domain, and every band has words."""

import typing

from queue_server.bus import messages as m
from queue_server.domain.ratings import PROFILE, PROFILE_NAMES


def test_the_contract_offers_exactly_the_domains_bands() -> None:
    for field, info in m.ProfileArgs.model_fields.items():
        offered = {a for a in typing.get_args(info.annotation) if a is not type(None)}
        literal = next(iter(offered))
        assert set(typing.get_args(literal)) == set(PROFILE[field]), field
    assert set(m.ProfileArgs.model_fields) == set(PROFILE) == set(PROFILE_NAMES)

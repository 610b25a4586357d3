"""The shipped catalog lists the real services of seeds/000 (อบต.แม่กรณ์)."""

from collections import Counter

import pytest

from assets import DEFAULT_CATALOG
from queue_server.config import load_catalog
from queue_server.domain.catalog import ServiceKind


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(DEFAULT_CATALOG)[1]


def test_it_has_the_categories_and_counts_of_the_service_list(catalog):
    counts = Counter(s.category for s in catalog.services)
    assert counts == {"citizen": 16, "sme": 2, "labour": 4, "local": 3}


def test_the_local_e_services_are_listed(catalog):
    names = {s.name.th for s in catalog.in_category("local")}
    assert names == {
        "คำร้องทั่วไป",
        "ขอรับความช่วยเหลือของประชาชน (กรณีร้องขอด้วยตนเอง)",
        "จองห้องประชุม อบต.แม่กรณ์",
    }


def test_every_kind_of_service_is_present(catalog):
    assert {s.kind for s in catalog.services} == set(ServiceKind)


def test_every_service_says_what_to_bring_and_who_owns_it(catalog):
    for service in catalog.services:
        assert service.documents, service.code
        assert service.agency.th and service.agency.en, service.code
        assert service.name.th != service.name.en, service.code
        assert 0 < service.typical_minutes <= 60, service.code


def test_each_category_has_its_own_queue_letter(catalog):
    letters = {c.id: {s.prefix for s in catalog.in_category(c.id)} for c in catalog.categories}
    assert letters == {"citizen": {"A"}, "sme": {"B"}, "labour": {"C"}, "local": {"D"}}

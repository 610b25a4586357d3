"""Applying an edited site.yaml or catalog to a running server keeps what is in use."""

from datetime import date
from pathlib import Path

import pytest

from queue_server.config import Site, load_site
from queue_server.config.revision import restart_only, revise
from tests.support.sites import add_service, drop_service, edit_catalog


def edited(site_dir: Path, old: Site, **in_use: set[str]):
    new = load_site(site_dir / "site.yaml")
    return revise(
        old,
        old.counter_setups(),
        new,
        open_services=in_use.get("services", set()),
        open_counters=in_use.get("counters", set()),
    )


@pytest.fixture
def old(site_dir: Path) -> Site:
    return load_site(site_dir / "site.yaml")


def test_a_new_service_is_offered_and_served_by_its_categorys_counters(site_dir, old):
    edit_catalog(site_dir / "catalog.yaml", add_service("pet-licence", "D", "local", "ขึ้นทะเบียนสุนัข"))
    revision = edited(site_dir, old)
    assert "pet-licence" in revision.site.catalog.codes()
    serving = {s.id for s in revision.setups if "pet-licence" in s.services}
    assert serving == {"2", "3"}  # the counters that serve category local
    assert revision.changes == ["service pet-licence added"]
    assert restart_only(old, revision.site) == []


def test_a_removed_service_with_tickets_waiting_is_still_served_where_it_was(site_dir, old):
    edit_catalog(site_dir / "catalog.yaml", drop_service("general-petition"))
    revision = edited(site_dir, old, services={"general-petition"})
    assert "general-petition" not in revision.site.catalog.codes()
    assert [s.code for s in revision.site.catalog.withdrawn] == ["general-petition"]
    serving = {s.id for s in revision.setups if "general-petition" in s.services}
    assert serving == {"2", "3"}
    assert revision.changes == [
        "service general-petition removed (tickets still open: served, no new ones)"
    ]


def test_a_removed_service_with_no_open_ticket_is_gone(site_dir, old):
    edit_catalog(site_dir / "catalog.yaml", drop_service("general-petition"))
    revision = edited(site_dir, old)
    assert "general-petition" not in revision.site.catalog
    assert all("general-petition" not in s.services for s in revision.setups)


def test_a_counter_removed_while_open_stays_until_it_closes(site_dir, old):
    text = (site_dir / "site.yaml").read_text(encoding="utf-8")
    counter_3 = text[text.index('  - id: "3"') : text.index("categories: [sme, labour, local]")]
    (site_dir / "site.yaml").write_text(
        text.replace(counter_3 + "categories: [sme, labour, local]\n", ""), encoding="utf-8"
    )
    assert [s.id for s in edited(site_dir, old, counters={"3"}).setups] == ["1", "2", "3"]
    assert [s.id for s in edited(site_dir, old, counters={"1"}).setups] == ["1", "2"]


def test_a_new_holiday_is_applied_and_reported(site_dir, old):
    site_yaml = site_dir / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    site_yaml.write_text(
        text.replace("  holidays:\n", "  holidays:\n    - {date: 2026-11-30, name: วันหยุดพิเศษ}\n"),
        encoding="utf-8",
    )
    revision = edited(site_dir, old)
    assert date(2026, 11, 30) in revision.site.opening_hours().holidays
    assert revision.changes == ["site.yaml: hours changed"]


def test_a_new_database_waits_for_a_restart(site_dir, old):
    site_yaml = site_dir / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    site_yaml.write_text(text.replace("data/oss-queue.db", "data/other.db"), encoding="utf-8")
    assert restart_only(old, load_site(site_yaml)) == ["database"]

"""site.yaml and catalog.yaml: the defaults work, and every mistake names its field and line."""

import shutil
from datetime import date, time
from pathlib import Path

import pytest

from assets import DEFAULT_CATALOG, DEFAULT_SITE
from queue_server.config import ConfigError, load_site
from queue_server.domain.priority import Ratio


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    shutil.copy(DEFAULT_SITE, tmp_path / "site.yaml")
    shutil.copy(DEFAULT_CATALOG, tmp_path / "catalog.yaml")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_site(path)
    return [str(p) for p in caught.value.problems]


def test_the_default_site_loads(site_dir):
    site = load_site(site_dir / "site.yaml")
    assert site.id == "maekorn"
    assert [c.id for c in site.config.counters] == ["1", "2", "3"]
    assert site.unserved_services() == []


def test_the_default_rules_are_ratio_two_and_three_recalls(site_dir):
    rules = load_site(site_dir / "site.yaml").rules()
    assert rules.policy == Ratio(2)
    assert rules.max_recalls == 3
    assert rules.hours.weekly[0][0].start == time(8, 30)
    assert date(2026, 12, 10) in rules.hours.holidays


def test_counters_serve_their_categories(site_dir):
    setups = {s.id: s for s in load_site(site_dir / "site.yaml").counter_setups()}
    assert "general-petition" not in setups["1"].services
    assert "general-petition" in setups["2"].services
    assert "driving-licence-queue" not in setups["3"].services


def test_a_counter_listing_nothing_serves_everything(site_dir):
    edit(site_dir / "site.yaml", "    categories: [citizen]\n", "")
    site = load_site(site_dir / "site.yaml")
    assert site.counter_setups()[0].services == site.catalog.codes()


def test_a_relative_sqlite_path_is_relative_to_the_site_folder(site_dir):
    site = load_site(site_dir / "site.yaml")
    assert site.database_url == f"sqlite:///{site_dir.resolve()}/data/oss-queue.db"


def test_the_database_url_can_come_from_the_environment(site_dir, monkeypatch):
    monkeypatch.setenv("OSS_QUEUE_DATABASE_URL", "postgresql+psycopg://u:p@db/oss")
    assert load_site(site_dir / "site.yaml").database_url == "postgresql+psycopg://u:p@db/oss"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  id: maekorn",
            "  id: Mae Korn",
            "site.yaml line 7, site → id: 'Mae Korn' is not allowed here: use lower-case",
        ),
        (
            '  mon: ["08:30-16:30"]',
            '  mon: ["8:30-4:30"]',
            "line 21, hours → mon: '8:30-4:30' ends before",
        ),
        (
            '  tue: ["08:30-16:30"]',
            '  tue: ["morning"]',
            "hours → tue: 'morning' is not an interval",
        ),
        (
            "  policy: ratio",
            "  policy: fastest",
            "priority → policy: Input should be 'strict', 'ratio'",
        ),
        (
            "  ratio: 2",
            "  ratio: 0",
            "priority → ratio: Input should be greater than or equal to 1",
        ),
        (
            "  max_recalls: 3",
            "  max_recalls: lots",
            "queue → max_recalls: Input should be a valid integer",
        ),
        (
            "  width_px: 576",
            "  width_px: 600",
            "printer → width_px: Input should be 576, 512 or 384",
        ),
        ("  backend: png", "  backend: laser", "printer: Input tag 'laser' found using 'backend'"),
        ("  mode: full", "  mode: long", "rating → mode: Input should be 'full' or 'quick'"),
        (
            "  days: 730",
            "  days: 7",
            "retention → days: Input should be greater than or equal to 30",
        ),
        (
            "  url: sqlite:///data/oss-queue.db",
            "  url: mysql://x",
            "database → url: use sqlite:///",
        ),
        ("queue:\n", "queues:\n", "queues: unknown key (check the spelling)"),
        (
            "    - {date: 2026-12-10, name: วันรัฐธรรมนูญ}",
            "    - {date: 2026-13-10}",
            "hours → holidays → 2 → date",
        ),
    ],
)
def test_a_wrong_field_is_named_with_its_line(site_dir, old, new, expected):
    edit(site_dir / "site.yaml", old, new)
    found = problems(site_dir / "site.yaml")
    assert any(expected in p for p in found), found


def test_a_counter_naming_an_unknown_service_is_refused(site_dir):
    edit(site_dir / "site.yaml", "    categories: [citizen]\n", "    services: [passport]\n")
    [problem] = problems(site_dir / "site.yaml")
    assert problem.startswith("site.yaml line ")
    assert (
        "counters → 0 → services → 0: unknown service 'passport' (not in catalog.yaml)" in problem
    )


def test_a_counter_naming_an_unknown_category_is_refused(site_dir):
    edit(site_dir / "site.yaml", "    categories: [citizen]", "    categories: [tourism]")
    [problem] = problems(site_dir / "site.yaml")
    assert "counters → 0 → categories → 0: unknown category 'tourism'" in problem


def test_duplicate_counter_ids_are_refused(site_dir):
    edit(site_dir / "site.yaml", '  - id: "2"', '  - id: "1"')
    assert any(
        "counter ids appear more than once: ['1']" in p for p in problems(site_dir / "site.yaml")
    )


def test_broken_yaml_reports_its_line(site_dir):
    edit(site_dir / "site.yaml", "  ratio: 2", "  ratio: [2")
    lines = (site_dir / "site.yaml").read_text(encoding="utf-8").splitlines()
    unclosed = lines.index("  ratio: [2") + 1
    [problem] = problems(site_dir / "site.yaml")
    # the parser notices on the line after the unclosed bracket
    assert "not valid YAML" in problem and f"site.yaml line {unclosed + 1}," in problem


def test_a_missing_catalog_is_named(site_dir):
    (site_dir / "catalog.yaml").unlink()
    [problem] = problems(site_dir / "site.yaml")
    assert problem.startswith("site.yaml line ")
    assert "catalog: catalog file 'catalog.yaml' not found" in problem


def test_a_catalog_service_in_an_unknown_category_is_named(site_dir):
    edit(site_dir / "catalog.yaml", "    category: sme\n", "    category: smes\n")
    [problem] = problems(site_dir / "site.yaml")
    assert "catalog.yaml" in problem and "names category 'smes'" in problem


def test_a_catalog_service_with_a_bad_prefix_is_named(site_dir):
    edit(site_dir / "catalog.yaml", "    prefix: D\n", "    prefix: d1\n")
    [problem] = problems(site_dir / "site.yaml")
    assert "services → 22 → prefix: 'd1' is not allowed here: use one or two capital" in problem


def test_a_duplicate_service_code_is_named(site_dir):
    edit(site_dir / "catalog.yaml", "  - code: meeting-room-booking", "  - code: general-petition")
    assert any("'general-petition' appears twice" in p for p in problems(site_dir / "site.yaml"))


def test_a_catalog_entry_naming_a_folder_is_named_not_a_crash(site_dir):
    edit(site_dir / "site.yaml", "catalog: catalog.yaml", 'catalog: ""')
    [problem] = problems(site_dir / "site.yaml")
    assert problem.startswith("site.yaml line ")
    assert problem.endswith("catalog: '.' is a folder, not a catalog file")

"""Edits to the default site.yaml that tests need."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from demo.centre import open_all_day as all_day


def open_all_day(site_yaml: Path) -> None:
    """Every day open around the clock, no holidays: for tests that run on the real clock
    (CI may run at night or on a holiday) or at the edges of a day."""
    site_yaml.write_text(all_day(site_yaml.read_text(encoding="utf-8")), encoding="utf-8")


LOAD_LIMITS = (
    "limits:\n"
    "  kiosk: {per_minute: 6000, burst: 1000}\n"
    "  counter: {per_minute: 6000, burst: 1000}\n"
    "  rating: {per_minute: 6000, burst: 1000}\n"
    "  phone: {per_minute: 6000, burst: 1000}\n"
    "  phone_streams: 10000\n"
    "  tickets: {per_hour: 3600, burst: 1000}\n"
)


def without_rate_limits(site_yaml: Path) -> None:
    """Load tests and benchmarks drive a kiosk far faster than citizens can: no rate limits."""
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + LOAD_LIMITS, encoding="utf-8")


def edit_catalog(catalog_yaml: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    """Change the catalog as staff would in an editor (comments are not kept)."""
    document = yaml.safe_load(catalog_yaml.read_text(encoding="utf-8"))
    edit(document)
    catalog_yaml.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


def drop_service(code: str) -> Callable[[dict[str, Any]], None]:
    def edit(document: dict[str, Any]) -> None:
        document["services"] = [s for s in document["services"] if s["code"] != code]

    return edit


def add_service(code: str, prefix: str, category: str, th: str) -> Callable[[dict[str, Any]], None]:
    def edit(document: dict[str, Any]) -> None:
        document["services"].append(
            {
                "code": code,
                "prefix": prefix,
                "kind": "onsite",
                "category": category,
                "name": {"th": th, "en": f"New service {code}"},
                "agency": {"th": "อบต.", "en": "Local office"},
                "typical_minutes": 5,
            }
        )

    return edit


def add_services(count: int, category: str = "local") -> Callable[[dict[str, Any]], None]:
    """``count`` more services, each about as wordy as a real one (600 bytes published)."""

    def edit(document: dict[str, Any]) -> None:
        for n in range(count):
            add_service(f"extra-{n}", "D", category, f"บริการเพิ่มเติมลำดับที่ {n}")(document)
            document["services"][-1]["documents"] = [
                {"th": "บัตรประจำตัวประชาชนและสำเนาทะเบียนบ้าน", "en": "ID card and house register"},
                {"th": "หนังสือมอบอำนาจ (กรณีมอบให้ผู้อื่นมาแทน)", "en": "Power of attorney if sent"},
            ]

    return edit

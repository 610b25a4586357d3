"""What a simulation assumes: arrivals per service and hour, service times, priority, no-shows.

A scenario is a small YAML file (or arrivals as CSV: ``service,hour,per_hour``);
``assets/simulation.yaml`` is a busy weekday at the demo centre.
"""

from __future__ import annotations

import csv
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from queue_server.domain.catalog import Catalog


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    opening: str = Field(default="08:30", pattern=r"^\d{2}:\d{2}$")
    closing: str = Field(default="16:30", pattern=r"^\d{2}:\d{2}$")
    # service code → tickets per hour; a number for the whole day, or {hour: rate, default: rate}
    arrivals: dict[str, float | dict[str, float]]
    service_time_cv: float = Field(default=0.5, ge=0, le=3)
    priority_share: float = Field(default=0.15, ge=0, le=1)
    no_show_rate: float = Field(default=0.05, ge=0, le=1)
    # how long a counter waits for a called person before calling again (each recall too)
    call_wait_minutes: float = Field(default=1.0, gt=0, le=30)
    # counters open all day; empty: every counter of the site
    counters: list[str] = []
    # staff keep serving this long after closing; whoever is left is not served that day
    overtime_minutes: int = Field(default=90, ge=0, le=360)

    @field_validator("arrivals")
    @classmethod
    def _rates(
        cls, value: dict[str, float | dict[str, float]]
    ) -> dict[str, float | dict[str, float]]:
        for code, rate in value.items():
            rates = rate.values() if isinstance(rate, dict) else [rate]
            if any(r < 0 for r in rates):
                raise ValueError(f"{code}: a rate cannot be negative")
        return value

    def rate(self, service: str, hour: int) -> float:
        rate = self.arrivals.get(service, 0.0)
        if isinstance(rate, dict):
            return float(rate.get(f"{hour:02d}", rate.get(str(hour), rate.get("default", 0.0))))
        return float(rate)

    def check(self, catalog: Catalog, counters: set[str]) -> None:
        unknown = sorted(set(self.arrivals) - set(catalog.codes()))
        if unknown:
            raise ValueError(f"the scenario names services not in the catalog: {unknown}")
        missing = sorted(set(self.counters) - counters)
        if missing:
            raise ValueError(f"the scenario names counters not in site.yaml: {missing}")


def load_scenario(path: Path) -> Scenario:
    if path.suffix.lower() == ".csv":
        arrivals: dict[str, dict[str, float]] = {}
        with path.open(encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                hour = f"{int(row['hour']):02d}"
                arrivals.setdefault(row["service"].strip(), {})[hour] = float(row["per_hour"])
        return Scenario(arrivals=arrivals)  # type: ignore[arg-type]
    return Scenario.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))

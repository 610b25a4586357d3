"""Applying an edited site.yaml or catalog to a running server.

Staff edit the catalog, the hours or the holidays during the day, and the
server takes the edit without a restart. What is in use stays usable: a
service taken off the catalog while citizens hold its tickets is kept as
withdrawn (called and served, no new tickets), and a counter removed while
it is open stays until it closes. The site id, database and broker cannot
change under a running server; those edits wait for a restart and say so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from queue_server.domain.counters import CounterSetup

from .loader import Site
from .models import SiteConfig

# What only a restart applies: the settings the database engine, the broker link and the
# topics were made from.
RESTART_ONLY: dict[str, Callable[[SiteConfig], object]] = {
    "site.id": lambda c: c.site.id,
    "database": lambda c: c.database,
    "broker": lambda c: c.broker,
}


@dataclass(frozen=True)
class Revision:
    site: Site  # the edited site, its catalog keeping what is withdrawn but in use
    setups: list[CounterSetup]
    changes: list[str]  # one line each, for the log


def restart_only(started: Site, new: Site) -> list[str]:
    """Settings ``new`` changes since the server started that only a restart applies."""
    return [name for name, of in RESTART_ONLY.items() if of(started.config) != of(new.config)]


def revise(
    old: Site,
    old_setups: Iterable[CounterSetup],
    new: Site,
    *,
    open_services: Iterable[str],
    open_counters: Iterable[str],
) -> Revision:
    """What the server runs on after ``new`` is loaded, given what is in use now."""
    previous = {s.id: s for s in old_setups}
    catalog = old.catalog.revised(new.catalog, open_services)
    withdrawn = {s.code for s in catalog.withdrawn}
    setups = []
    for setup in new.counter_setups():
        before = previous.get(setup.id)
        kept = before.services & withdrawn if before else frozenset()
        setups.append(replace(setup, services=setup.services | kept))
    listed = {s.id for s in setups}
    kept_counters = [previous[c] for c in sorted(set(open_counters) - listed) if c in previous]
    setups.extend(kept_counters)

    changes = []
    old_codes, new_codes = old.catalog.codes(), new.catalog.codes()
    changes += [f"service {c} added" for c in sorted(new_codes - old_codes)]
    for code in sorted(old_codes - new_codes):
        note = " (tickets still open: served, no new ones)" if code in withdrawn else ""
        changes.append(f"service {code} removed{note}")
    changes += [
        f"service {s.code} changed"
        for s in new.catalog.services
        if s.code in old_codes and old.catalog.get(s.code) != s
    ]
    changes += [
        f"counter {c.id} removed from site.yaml but open: kept until it closes"
        for c in kept_counters
    ]
    restart_sections = {key.split(".")[0] for key in RESTART_ONLY}  # reported apart
    edited = [
        name
        for name in type(new.config).model_fields
        if name not in restart_sections and getattr(old.config, name) != getattr(new.config, name)
    ]
    if edited:
        changes.append(f"site.yaml: {', '.join(edited)} changed")
    return Revision(
        site=replace(new, catalog=catalog),
        setups=setups,
        changes=changes,
    )

"""One service of the catalog changed, added or withdrawn (the console's catalog pages).

Each change is checked against what the person saw: the form carries the
service's fingerprint as it was, and a service changed since (another
supervisor saved first, or someone edited the file) is refused with
EditConflict instead of being overwritten. Services and categories are
otherwise edited as in the file, and checked as `config check` checks them.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .edits import EditConflict, fingerprint, read_document, read_plain, write_checked
from .loader import Site

BILINGUAL = ("name", "agency")


def catalog_path(site: Site) -> Any:
    return site.resolve(site.config.catalog)


def service_entries(site: Site) -> dict[str, tuple[int, dict[str, Any]]]:
    """Each service's place in the file and its entry as written (plain values)."""
    document = read_plain(catalog_path(site))
    return {str(entry["code"]): (i, entry) for i, entry in enumerate(document["services"])}


def _plain(value: Any) -> Any:
    """A ruamel node as the plain values ``read_plain`` gives (so their fingerprints agree)."""
    return json.loads(json.dumps(value, default=str))


def _flow(mapping: dict[str, Any]) -> CommentedMap:
    """{th: …, en: …} on one line, as the shipped catalog writes them."""
    out = CommentedMap(mapping)
    out.fa.set_flow_style()
    return out


def _entry(values: dict[str, Any]) -> CommentedMap:
    """A service entry in the file's own shape from the form's values (empty ones left out)."""
    entry = CommentedMap()
    for key, value in values.items():
        if value in (None, "", [], {}):
            continue
        if key in BILINGUAL or key == "fee_note" or key == "unit":
            entry[key] = _flow(value)
        elif key == "documents":
            entry[key] = CommentedSeq([_flow(d) for d in value])
        elif key == "manual":
            manual = _entry(value)
            if "steps" in manual:
                manual["steps"] = CommentedSeq([_flow(s) for s in value["steps"]])
            entry[key] = manual
        else:
            entry[key] = value
    return entry


def put_service(
    site: Site, values: dict[str, Any], expected: str | None, now: datetime | None = None
) -> Site:
    """Write one service: ``expected`` is the fingerprint of the entry the form showed
    (None: a new service). Raises EditConflict or ConfigError; writes nothing then."""
    path = catalog_path(site)
    document = read_document(path)
    services = document["services"]
    code = str(values.get("code", ""))
    found = next((i for i, s in enumerate(services) if str(s.get("code")) == code), None)
    if expected is None:
        if found is not None:
            raise EditConflict(f"a service {code!r} exists already")
        services.append(_entry(values))
    else:
        if found is None or fingerprint(_plain(services[found])) != expected:
            raise EditConflict(f"service {code!r} was changed or withdrawn since it was opened")
        services[found] = _entry(values)
    return write_checked(site, path, document, now)


def withdraw_service(site: Site, code: str, expected: str, now: datetime | None = None) -> Site:
    """Take a service off the catalog (its open tickets are still served today; the file
    as it was stays under revisions/)."""
    path = catalog_path(site)
    document = read_document(path)
    services = document["services"]
    found = next((i for i, s in enumerate(services) if str(s.get("code")) == code), None)
    if found is None or fingerprint(_plain(services[found])) != expected:
        raise EditConflict(f"service {code!r} was changed or withdrawn since it was opened")
    del services[found]
    return write_checked(site, path, document, now)


def put_category(
    site: Site, values: dict[str, Any], expected: str | None, now: datetime | None = None
) -> Site:
    """Add a category (``expected`` None) or rename one whose entry is still as the form saw
    it. Its id stays: services and counters name it."""
    path = catalog_path(site)
    document = read_document(path)
    categories = document["categories"]
    wanted = str(values.get("id", ""))
    found = next((i for i, c in enumerate(categories) if str(c.get("id")) == wanted), None)
    entry = CommentedMap(id=wanted, name=_flow(values.get("name") or {}))
    if expected is None:
        if found is not None:
            raise EditConflict(f"a category {wanted!r} exists already")
        categories.append(entry)
    else:
        if found is None or fingerprint(_plain(categories[found])) != expected:
            raise EditConflict(f"category {wanted!r} was changed since it was opened")
        categories[found] = entry
    return write_checked(site, path, document, now)


def category_entries(site: Site) -> dict[str, dict[str, Any]]:
    """Each category's entry as written (plain values)."""
    return {str(c["id"]): c for c in read_plain(catalog_path(site))["categories"]}

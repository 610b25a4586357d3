"""Changing site.yaml and the catalog from a program, as staff would in an editor, but safer.

The console and `oss-queue holidays` edit the files in place with ruamel.yaml,
so the centre's comments and layout survive. A change is written to a draft
first and checked by the same loader as `config check` (the same field-level
messages); only a draft that loads replaces the file, in one step (the
server never reads half a file), and the file it replaces is kept under
``revisions/`` beside site.yaml. The server notices the new file and reloads
it as it does after any edit.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .loader import Site, load_site, plain_yaml

REVISIONS = "revisions"
DRAFTS = ".drafts"
KEEP_REVISIONS = 200  # of each file; the oldest go first


_plain_cache: dict[str, tuple[tuple[int, int], str]] = {}  # path → (stamp, JSON)


class EditConflict(Exception):
    """What the edit was made against has changed since (another person saved first)."""


def round_trip() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def read_document(path: Path) -> Any:
    """The file for editing (comments and layout kept): slow on a big catalog, so only
    for a save; what a page shows comes from ``read_plain``."""
    return round_trip().load(path.read_text(encoding="utf-8"))


def read_plain(path: Path) -> Any:
    """The file's plain values, as the loader reads them. Kept until the file changes: a
    400-service catalog takes a C parser some 150 ms, and every catalog page reads it.
    Callers get a copy to change as they like."""
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    kept = _plain_cache.get(str(path))
    if kept is None or kept[0] != stamp:
        kept = _plain_cache[str(path)] = (stamp, json.dumps(plain_yaml(path.read_text("utf-8"))))
    return json.loads(kept[1])


def fingerprint(value: Any) -> str:
    """A short stamp of a part of a file as it is now (what a form was made from)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def write_checked(site: Site, target: Path, document: Any, now: datetime | None = None) -> Site:
    """Replace ``target`` (site.yaml or its catalog) with ``document`` if the site then
    loads; the site as it is afterwards. Raises ConfigError, changing nothing, if not."""
    drafts = site.base_dir / DRAFTS
    drafts.mkdir(mode=0o750, exist_ok=True)
    draft = drafts / target.name  # named as the file, so problems name it too
    with draft.open("w", encoding="utf-8") as out:
        round_trip().dump(document, out)
    try:
        if target.resolve() == site.path.resolve():
            load_site(draft, base_dir=site.base_dir)
        else:
            load_site(site.path, catalog_path=draft)
    except Exception:
        draft.unlink(missing_ok=True)
        raise
    keep_revision(site, target, now or datetime.now(UTC))
    os.replace(draft, target)
    return load_site(site.path)


def keep_revision(site: Site, target: Path, now: datetime) -> Path:
    """Copy ``target`` as it is into revisions/ (name-UTC time.yaml); prune the oldest."""
    folder = site.base_dir / REVISIONS
    folder.mkdir(mode=0o750, exist_ok=True)
    kept = folder / f"{target.stem}-{now.astimezone(UTC):%Y%m%dT%H%M%S%fZ}{target.suffix}"
    shutil.copy2(target, kept)
    older = sorted(folder.glob(f"{target.stem}-*{target.suffix}"))
    for old in older[: max(0, len(older) - KEEP_REVISIONS)]:
        old.unlink()
    return kept


def edit_site_section(
    site: Site, key: str, expected: str, change: Any, now: datetime | None = None
) -> Site:
    """Apply ``change(document)`` to site.yaml if its section ``key`` is still as the form
    saw it (``expected`` is its fingerprint); EditConflict or ConfigError otherwise."""
    document = read_document(site.path)
    if fingerprint(section_of(document, key)) != expected:
        raise EditConflict(f"{key} in site.yaml changed since the form was opened")
    change(document)
    return write_checked(site, site.path, document, now)


def section_of(document: Any, key: str) -> Any:
    """A top-level section of a YAML document as plain values (for its fingerprint)."""
    return json.loads(json.dumps(document.get(key), default=str))


def site_section(site: Site, key: str) -> tuple[Any, str]:
    """Section ``key`` of site.yaml as written (plain values) and its fingerprint."""
    value = section_of(read_plain(site.path), key)
    return value, fingerprint(value)

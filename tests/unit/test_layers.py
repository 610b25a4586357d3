"""The architecture of the README, as a tested fact: no import points against the layers.

Every module's imports are read from its source (those inside functions too)
and each arrow is checked against the rules below: the domain is plain
Python; only storage (and the composition root) touches SQLAlchemy; the
server side never imports a screen; screens know the bus client and the
contract, never the server, the database or another app; Thai text is
neutral ground.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("queue_server", "screens", "kiosk", "printers", "thaitext", "demo", "assets")

SERVER_ONLY = (
    "queue_server.storage", "queue_server.service", "queue_server.bootstrap",
    "queue_server.bus.server", "queue_server.bus.ops", "queue_server.cli",
    "queue_server.reports", "queue_server.web", "sqlalchemy", "alembic", "demo",
)  # fmt: skip
# importer → what it may not import (by dotted prefix)
RULES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    # (importer, forbidden, except importers starting with)
    ("queue_server.domain", ("queue_server", "sqlalchemy", "paho", "kivy", "pydantic"),
     ()),
    ("", ("sqlalchemy", "alembic"), ("queue_server.storage", "queue_server.bootstrap")),
    ("queue_server", ("screens", "kiosk", "demo", "printers"), ("queue_server.cli",)),
    ("screens", (*SERVER_ONLY, "kiosk"), ()),
    # a screen prints only through the background printer (a counter's own slip printer)
    ("screens", ("printers",), ("screens.common.printing",)),
    ("kiosk", SERVER_ONLY, ()),
    ("kiosk", ("screens.counter", "screens.display", "screens.rating", "screens.province"), ()),
    # the printer takes the contract's ticket (bus.messages), nothing else of the bus
    ("printers", ("screens", "kiosk", "demo", "queue_server.storage", "queue_server.service",
                  "queue_server.bus.server", "queue_server.bus.ops", "queue_server.bus.client",
                  "queue_server.cli"), ()),
    ("thaitext", ("queue_server", "screens", "kiosk", "printers", "demo"), ()),
    ("queue_server.storage", ("queue_server.service", "queue_server.bus", "queue_server.cli",
                              "queue_server.reports"), ()),
    ("queue_server.reports", ("queue_server.bus", "queue_server.cli", "queue_server.service"),
     ()),
    # the console is an adapter at the edge: nothing of the queue depends on it, and it
    # reaches the database only through storage and the service (never SQLAlchemy itself)
    ("queue_server", ("queue_server.web", "starlette", "uvicorn", "jinja2"),
     ("queue_server.web", "queue_server.cli")),
]  # fmt: skip


def _under(name: str, prefix: str) -> bool:
    return not prefix or name == prefix or name.startswith(prefix + ".")


def imports() -> Iterator[tuple[str, str]]:
    """(importing module, imported module) for every import in our packages."""
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue  # Alembic's own scripts
            parts = path.relative_to(ROOT).with_suffix("").parts
            module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            here = module if parts[-1] == "__init__" else module.rpartition(".")[0]
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        yield module, alias.name
                elif isinstance(node, ast.ImportFrom):
                    if node.level:
                        base = here.split(".")[: len(here.split(".")) - node.level + 1]
                        target = ".".join([*base, *([node.module] if node.module else [])])
                    else:
                        target = node.module or ""
                    yield module, target


ARROWS = sorted(set(imports()))


@pytest.mark.parametrize(
    ("importer", "forbidden", "exempt"), RULES, ids=[f"{r[0] or '*'}↛{r[1][0]}" for r in RULES]
)
def test_no_import_points_against_the_layers(importer, forbidden, exempt):
    wrong = [
        f"{source} → {target}"
        for source, target in ARROWS
        if _under(source, importer)
        and not any(_under(source, e) for e in exempt)
        and any(_under(target, f) for f in forbidden)
        and not _under(target, importer)  # a package may import itself
    ]
    assert wrong == []


def test_the_walk_finds_the_imports_it_checks():
    assert ("queue_server.bus.server", "queue_server.bus.ops") in ARROWS
    assert ("queue_server.web.console", "queue_server.bus.ops") in ARROWS
    assert ("kiosk.app", "printers.tickets") in ARROWS

"""The domain is plain Python: no framework may be imported into it."""

import ast
from pathlib import Path

import queue_server.domain

FORBIDDEN = (
    "sqlalchemy",
    "alembic",
    "paho",
    "amqtt",
    "kivy",
    "escpos",
    "serial",
    "pydantic",
    "yaml",
)


def test_the_domain_imports_no_framework():
    root = Path(queue_server.domain.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []

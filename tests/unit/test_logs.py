"""One logging setup; every log line names its event, then its fields."""

import ast
import logging
import re

from queue_server import logs
from tests.unit.test_layers import PACKAGES, ROOT

EVENT = re.compile(r"^[a-z][a-z0-9_]*$")


def test_a_line_is_the_event_then_its_fields(caplog):
    with caplog.at_level(logging.INFO):
        logs.get("t").warning("request_refused", client="kiosk-1", why="wait 2 s", n=3)
    assert caplog.messages == ["request_refused client=kiosk-1 why='wait 2 s' n=3"]


def test_every_log_call_names_its_event():
    wrong = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "log"
                    and node.func.attr in ("debug", "info", "warning", "error", "exception")
                ):
                    first = node.args[0] if node.args else None
                    if not (isinstance(first, ast.Constant) and EVENT.match(str(first.value))):
                        wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert wrong == []

"""Config errors that name the file, the line and the field.

A clerk editing ``site.yaml`` in a text editor needs "site.yaml line 23,
counters → 2 → services → 0: unknown service 'tax'", not a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class ConfigProblem:
    file: Path
    loc: Loc
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file.name}" + (f" line {self.line}" if self.line else "")
        field = " → ".join(str(part) for part in self.loc) or "(top level)"
        return f"{where}, {field}: {self.message}"


class ConfigError(Exception):
    def __init__(self, problems: Sequence[ConfigProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def line_of(text: str, loc: Loc) -> int | None:
    """The 1-based line of the YAML node at ``loc``, or of its nearest existing parent."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    child = value
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line

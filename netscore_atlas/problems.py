"""Problems found in the registry: each names its file, line and field.

Every stage collects problems instead of raising at the first one, so a
contributor sees everything that is wrong in one run.
"""

from __future__ import annotations

from dataclasses import dataclass

from .terminal import inert

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str
    level: str = ERROR

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.field, self.message, self.level)

    def __lt__(self, other: Problem) -> bool:  # a file's problem without a line sorts first (None < 1 would raise)
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = self.field or "(file)"
        return inert(f"{where}: {self.level}: {field}: {self.message}")  # a file name or value may hold escape sequences


class RegistryError(Exception):
    """Raised once, at the end of validation, when any error was found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.level == ERROR]
        super().__init__(f"{len(errors)} error(s) in the registry")

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        errors = sum(p.level == ERROR for p in self.problems)
        warnings = len(self.problems) - errors
        lines.append(f"{errors} error(s), {warnings} warning(s); nothing was written.")
        return "\n".join(lines)


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level == ERROR]

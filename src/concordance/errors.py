"""The errors a maintainer sees: one line each, naming file, line, claim and the fix.

A build collects every mistake it can find (see `Problems`) and stops once, with all of them: a corpus
with ten bad quotes takes one build to see them all, not ten.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# More than this many errors in one build are counted, not listed: the first ones usually explain the rest.
MAX_LISTED = 50

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown(value: object) -> str:
    """A value as a maintainer can read it in a one-line message: control characters made visible."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], str(value))


def display_path(path: Path | str, root: Path | None) -> str:
    """A path as the maintainer knows it: relative to the project when it lies inside it."""
    if root is not None:
        try:
            return Path(path).absolute().relative_to(root.absolute()).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


class ConcordanceError(Exception):
    """A maintainer's mistake in a source or topic file. Its text is one line, never a traceback."""

    def __init__(self, path: Path | str, message: str, *, line: int | None = None,
                 claim: str | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.claim = claim
        self.message = " ".join(message.split())  # one line, whatever the message contained
        super().__init__(str(self))

    def relative_to(self, root: Path) -> ConcordanceError:
        """The same error with its path relative to the project, as the maintainer knows it."""
        self.path = display_path(self.path, root)
        return self

    def lines(self) -> list[str]:
        return [str(self)]

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"claim '{shown(self.claim)}': " if self.claim else ""
        return f"{where}: {what}{self.message}"


class ConcordanceErrors(ConcordanceError):
    """Every mistake one build found, each on its own line. Behaves as its first error where one is expected."""

    def __init__(self, errors: list[ConcordanceError]) -> None:
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.path, first.message, line=first.line, claim=first.claim)

    def relative_to(self, root: Path) -> ConcordanceErrors:
        for error in self.errors:
            error.relative_to(root)
        first = self.errors[0]
        self.path = first.path
        return self

    def lines(self) -> list[str]:
        listed = [str(e) for e in self.errors[:MAX_LISTED]]
        if len(self.errors) > MAX_LISTED:
            listed.append(f"... and {len(self.errors) - MAX_LISTED} more errors: fix these and build again.")
        return listed

    def __str__(self) -> str:
        return "\n".join(self.lines()) if hasattr(self, "errors") else super().__str__()


def print_errors(error: ConcordanceError, root: Path) -> int:
    """A command's way to report a build's errors: each on its own line of stderr, paths relative to the
    project. Returns the exit status, 1."""
    for line in error.relative_to(root).lines():
        print(f"error: {line}", file=sys.stderr)
    return 1


class Problems:
    """Collects the errors of one build, so that it can report them all at once."""

    def __init__(self) -> None:
        self.errors: list[ConcordanceError] = []

    def add(self, error: ConcordanceError) -> None:
        self.errors.extend(error.errors if isinstance(error, ConcordanceErrors) else [error])

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ConcordanceErrors(self.errors)

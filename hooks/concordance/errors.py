"""The one error type a maintainer sees: a single line naming file, line, claim and the fix."""

from __future__ import annotations

from pathlib import Path


class ConcordanceError(Exception):
    """A maintainer's mistake in a source or topic file. Its text is one line, never a traceback."""

    def __init__(self, path: Path | str, message: str, *, line: int | None = None,
                 claim: str | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.claim = claim
        self.message = " ".join(message.split())  # one line, whatever the message contained
        super().__init__(str(self))

    def relative_to(self, root: Path) -> "ConcordanceError":
        """The same error with its path relative to the project, as the maintainer knows it."""
        try:
            self.path = Path(self.path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
        return self

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"claim '{self.claim}': " if self.claim else ""
        return f"{where}: {what}{self.message}"

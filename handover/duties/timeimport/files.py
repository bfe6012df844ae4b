"""A time tracker's export read as a whole file: parsed rows, or why the file is refused."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .reader import ImportRefused, read


class ImportFailed(Exception):
    """A refused file: the message names the file, the line and what was expected."""

    def __init__(self, filename: str, line: int, reason, rows: int = 0):
        self.filename, self.line, self.reason, self.rows = filename, line, str(reason), rows
        if line:
            message = _("%(file)s, line %(line)s: %(reason)s") % {
                "file": filename, "line": line, "reason": self.reason}
        else:
            message = _("%(file)s: %(reason)s") % {"file": filename, "reason": self.reason}
        super().__init__(message)
        self.message = message


def parse_file(filename: str, data: bytes, *, format: str = "auto"):
    try:
        return read(data, format=format)
    except ImportRefused as exc:
        raise ImportFailed(filename, exc.line, exc.reason, getattr(exc, "rows", 0)) from None

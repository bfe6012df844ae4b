"""CSV cells that a spreadsheet opens as text, never as a formula.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@` (and,
after a tab or a carriage return, whatever follows) as a formula: a file name such as
`=HYPERLINK(...)` in an exported CSV becomes a live link or worse. As OWASP advises, such a
cell is written with a leading single quote, which the spreadsheet shows as text.

`escape` is reversible: `unescape(escape(v)) == v` for every string, so a program that reads
the CSV back gets the original value. Values that are not strings (sizes, counts) are left
alone. Every CSV the product writes goes through `writer` or `dict_writer` (or `escape`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _needs_quote(value: str) -> bool:
    # A value that already starts with quotes before a trigger gets one more, so that
    # reading it back removes exactly the quote this module added.
    return value.lstrip(QUOTE).startswith(TRIGGERS)


def escape(value: Any) -> Any:
    """The value as a CSV cell that cannot start a formula."""
    if isinstance(value, str) and _needs_quote(value):
        return QUOTE + value
    return value


def unescape(value: Any) -> Any:
    """The original value of a cell written by `escape`."""
    if isinstance(value, str) and value.startswith(QUOTE) and _needs_quote(value):
        return value[1:]
    return value


def escape_row(values: Iterable[Any]) -> list[Any]:
    return [escape(v) for v in values]


def escape_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: escape(v) for k, v in row.items()}


class _SafeWriter:
    def __init__(self, inner):
        self._inner = inner

    def writerow(self, row):
        return self._inner.writerow(escape_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)

    @property
    def dialect(self):
        return self._inner.dialect


class _SafeDictWriter:
    def __init__(self, inner: csv.DictWriter):
        self._inner = inner

    def writeheader(self):
        return self._inner.writeheader()

    def writerow(self, row):
        return self._inner.writerow(escape_dict(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


# Rows end with CRLF, as RFC 4180 says. The csv module quotes a cell only when it holds a
# character of the line terminator (or the delimiter, or a quote): with "\n" alone, a cell
# holding a lone carriage return would be written bare and read back as two rows.
LINE_END = "\r\n"


def writer(handle, *args, **kwargs) -> _SafeWriter:
    """`csv.writer` whose every cell goes through `escape`, rows ending with CRLF."""
    return _SafeWriter(csv.writer(handle, *args, **{**kwargs, "lineterminator": LINE_END}))


def dict_writer(handle, fieldnames, *args, **kwargs) -> _SafeDictWriter:
    """`csv.DictWriter` whose every cell goes through `escape` (the header is the caller's),
    rows ending with CRLF."""
    return _SafeDictWriter(csv.DictWriter(handle, fieldnames, *args,
                                          **{**kwargs, "lineterminator": LINE_END}))


def reader(handle, *args, **kwargs):
    """Rows of a CSV written by this module, each cell back to its original value."""
    for row in csv.reader(handle, *args, **kwargs):
        yield [unescape(v) for v in row]


def dict_reader(handle, *args, **kwargs):
    """Dicts of a CSV written by this module, each cell back to its original value."""
    for row in csv.DictReader(handle, *args, **kwargs):
        yield {k: unescape(v) for k, v in row.items()}

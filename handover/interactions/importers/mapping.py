"""The column mapping of CSV imports: "date=Datum,number=Phone"."""

from django.utils.translation import gettext as _

from .base import Refused


def parse_mapping(text: str) -> dict[str, str]:
    """"date=Datum,number=Phone" → {"date": "Datum", "number": "Phone"}."""
    mapping = {}
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        key, sep, column = part.partition("=")
        if not sep:
            raise Refused(_("Write the column mapping as field=Column, separated by commas."))
        mapping[key.strip().lower()] = column.strip()
    return mapping

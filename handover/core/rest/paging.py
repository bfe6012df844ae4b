"""Paging for every list endpoint: `?limit=` (1 to 200, 50 by default) and `?offset=`.

A list answers `{"count": N, "items": [...], "limit": L, "offset": O}`. A view decorated
with `@paged` returns either a queryset (its items go through the response schema) or
`Rows(queryset, out)`, where `out` turns one row into the item: only the page's rows are
loaded, so a view's queries do not grow with the page size as long as `out` reads only
what the queryset selected or prefetched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, paginate

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def stable(queryset):
    """The queryset in its own order, then by primary key, so that pages never overlap."""
    order = list(queryset.query.order_by or queryset.model._meta.ordering or [])
    if not any(str(o).lstrip("-") in {"pk", "id"} for o in order):
        order.append("pk")
    return queryset.order_by(*order)


class Rows:
    """A queryset and the function that shows one of its rows."""

    def __init__(self, queryset, out: Callable[[Any], Any]):
        self.queryset = stable(queryset)
        self.out = out

    def count(self) -> int:
        return self.queryset.count()

    def page(self, offset: int, limit: int) -> list:
        return [self.out(row) for row in self.queryset[offset:offset + limit]]


class Page(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT,
                           description=f"How many items to return (at most {MAX_LIMIT}).")
        offset: int = Field(0, ge=0, description="How many items to skip.")

    class Output(Schema):
        count: int
        items: list[Any]
        limit: int
        offset: int

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

    def paginate_queryset(self, queryset, pagination: Input, request, **params):
        offset, limit = pagination.offset, min(pagination.limit, MAX_LIMIT)
        if isinstance(queryset, Rows):
            count, items = queryset.count(), queryset.page(offset, limit)
        else:
            count = self._items_count(queryset)
            items = list(queryset[offset:offset + limit])
        return {"count": count, "items": items, "limit": limit, "offset": offset}


paged = paginate(Page)

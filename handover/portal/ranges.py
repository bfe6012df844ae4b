"""Serving a file with HTTP range requests (one range), for resumable downloads.

What RFC 9110 (section 14) asks of a server, and what is done here:
- a Range header it cannot or will not serve is ignored, not refused: a syntax error, a unit
  other than bytes, a range whose last position comes before its first, several ranges
  (multipart answers are not served) all get 200 with the whole file;
- If-Range must be the file's strong entity tag, quoted, or the Range header is ignored;
- one valid range that overlaps the file gets 206 with Content-Range; one valid range that
  does not (it starts at or past the end, or asks for an empty suffix) gets 416 with
  `Content-Range: bytes */size`.
"""

from __future__ import annotations

import os
import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

# One int-range ("first-[last]") or suffix-range ("-length"), unit compared case-insensitively,
# ASCII digits only and no blanks anywhere (RFC 9110 section 14.1.1).
ONE_RANGE = re.compile(r"bytes=([0-9]*)-([0-9]*)", re.ASCII | re.IGNORECASE)
CHUNK = 1 << 20
UNSATISFIABLE = "unsatisfiable"


def _part(path: str, start: int, length: int):
    with open(path, "rb") as handle:
        handle.seek(start)
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                return
            length -= len(data)
            yield data


def wanted_range(range_header: str, if_range: str, *, size: int, etag: str):
    """(start, end) inclusive to serve; None to serve the whole file (no Range header, or
    one to ignore); UNSATISFIABLE for one valid range outside the file."""
    if not range_header:
        return None
    if if_range and if_range.strip() != f'"{etag}"':
        return None  # the client holds another version (or a date we cannot compare)
    # Blanks around a field's value are not part of it (RFC 9110 section 5.5).
    match = ONE_RANGE.fullmatch(range_header.strip(" \t"))
    if match is None:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":
        length = int(last)
        if length == 0:
            return UNSATISFIABLE
        if size == 0:
            return None  # a suffix of an empty file: the whole (empty) file
        return max(size - length, 0), size - 1
    start = int(first)
    if last != "" and int(last) < start:
        return None  # invalid range-spec: ignored
    if start >= size:
        return UNSATISFIABLE
    end = min(int(last), size - 1) if last != "" else size - 1
    return start, end


def serve(request, path: str, *, filename: str, etag: str):
    size = os.path.getsize(path)
    wanted = wanted_range(request.headers.get("Range", ""), request.headers.get("If-Range", ""),
                          size=size, etag=etag)
    if wanted == UNSATISFIABLE:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    if wanted is not None:
        start, end = wanted
        response = StreamingHttpResponse(_part(path, start, end - start + 1), status=206,
                                         content_type="application/zip")
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        response = FileResponse(open(path, "rb"), content_type="application/zip")  # noqa: SIM115
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = f'"{etag}"'
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response

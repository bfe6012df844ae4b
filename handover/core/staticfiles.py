"""Collect the static files at start-up only when their sources changed.

Collecting compresses every file (gzip and Brotli), which takes seconds; `handover serve`
used to pay it at each start. The sources' fingerprint (each file's path, size and
modification time, the Django version and the storage settings) is written next to the
collected files once a collection has finished, so an interrupted one is redone.
"""

import hashlib
import json
from pathlib import Path

import django
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

STAMP = ".sources"
IGNORED = ["CVS", ".*", "*~"]  # collectstatic's own default ignore patterns


def sources_fingerprint() -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps([
        django.get_version(),
        settings.STORAGES["staticfiles"],
        list(getattr(settings, "WHITENOISE_SKIP_COMPRESS_EXTENSIONS", ())),
    ], default=str).encode())
    seen = []
    for finder in get_finders():
        for path, storage in finder.list(IGNORED):
            stat = Path(storage.path(path)).stat()
            seen.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for line in sorted(seen):
        digest.update(line.encode() + b"\n")
    return digest.hexdigest()


def collect_static_if_changed() -> bool:
    """Collect when the sources differ from the last finished collection; True if it did."""
    root = Path(settings.STATIC_ROOT)
    stamp = root / STAMP
    fingerprint = sources_fingerprint()
    if stamp.is_file() and stamp.read_text() == fingerprint:
        return False
    stamp.unlink(missing_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)
    return True

"""The mail backend used when no SMTP host is set: one `.eml` file per message in
`EMAIL_FILE_PATH` (`DATA_DIR/mail/`).

Django's own file backend appends every message of a connection to one `.log` file, with
separator lines between them: a log for reading in a terminal, which no mail client opens.
Here each message is its own RFC 5322 file, which a mail client opens (and a test parses
with the `email` package). Names start with the UTC time, so that they sort by time of
sending. Each file is written under a hidden temporary name and renamed into place
(`os.replace`), so that a `.eml` file is always complete.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as DjangoFileBackend


class EmlFileBackend(DjangoFileBackend):
    """Django's file backend (its folder setting and checks) writing `.eml` files."""

    def open(self) -> bool:
        return False  # no log stream to open: each message opens its own file

    def send_messages(self, email_messages) -> int:
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                self.write_eml(message.message().as_bytes())
            except Exception:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent

    def write_eml(self, content: bytes) -> Path:
        """Write one message's bytes atomically; returns the file's path."""
        folder = Path(self.file_path)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        final = folder / f"{stamp}-{secrets.token_hex(4)}.eml"
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, final)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return final

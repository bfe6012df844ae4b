"""The `handover` command: Django's manage.py under the product's name.

A run never ends in a traceback: a database that is not set up yet, or an unexpected
error, is told in one sentence, and the details go to a log file in the data directory.
Set HANDOVER_TRACEBACK=1 to see the traceback instead.
"""

import os
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path


def _log_details() -> Path | None:
    try:
        from django.conf import settings

        folder = Path(settings.DATA_DIR) / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"handover-{datetime.now(UTC):%Y%m%dT%H%M%S}-{os.getpid()}.log"
        path.write_text(traceback.format_exc())
        return path
    except Exception:  # noqa: BLE001 - the log is a courtesy; the message still goes out
        return None


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handover.settings")
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    argv = argv if argv is not None else ["handover", *sys.argv[1:]]
    if os.environ.get("HANDOVER_TRACEBACK") == "1":
        execute_from_command_line(argv)
        return
    try:
        execute_from_command_line(argv)
    except KeyboardInterrupt:
        sys.stderr.write("\nhandover: interrupted.\n")
        sys.exit(130)
    except DatabaseError as err:
        where = _log_details()
        sys.stderr.write(
            f"handover: the database refused the request ({type(err).__name__}: {err}).\n"
            "If this is a new installation, run `handover migrate` first.\n"
            + (f"Details: {where}\n" if where else "")
        )
        sys.exit(2)
    except Exception as err:  # noqa: BLE001 - the last line of defence for the terminal
        where = _log_details()
        sys.stderr.write(
            f"handover: unexpected error ({type(err).__name__}: {err}).\n"
            + (f"Details: {where}\n" if where else "")
        )
        sys.exit(1)


if __name__ == "__main__":
    main()

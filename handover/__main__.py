"""The `handover` command: Django's manage.py under the product's name."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handover.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else ["handover", *sys.argv[1:]])


if __name__ == "__main__":
    main()

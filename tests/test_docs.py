"""The README tells the truth about the command line and the configuration.

Commands and environment variables are discovered from the code, never listed here, so a
command or a variable added later fails these tests until the README describes it.
"""

import argparse
import re
from pathlib import Path

from django.core.management import load_command_class
from django.core.management.base import BaseCommand

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "handover"
README = ROOT / "README.md"

# A HANDOVER_* name read from the environment: os.environ["X"], os.environ.get("X"),
# os.getenv("X"), or the settings' helpers env("X"), env_bool("X"), env_int("X"),
# env_list("X").
ENV_READ = re.compile(
    r"""(?:os\.environ(?:\.get|\.setdefault)?|os\.getenv|\benv(?:_bool|_int|_list)?)"""
    r"""\s*[\[(]\s*["'](HANDOVER_[A-Z0-9_]+)["']"""
)


def readme() -> str:
    return README.read_text(encoding="utf-8")


def product_commands() -> dict[str, str]:
    """{command name: app module} for every handover/<app>/management/commands/<name>.py,
    except private modules (a leading underscore, `__init__` included)."""
    found = {}
    for path in sorted(PACKAGE.glob("*/management/commands/*.py")):
        if path.stem.startswith("_"):
            continue
        found[path.stem] = f"handover.{path.parts[-4]}"
    return found


def command_rows(text: str, name: str) -> str:
    """The README's lines that document `handover NAME` (its row in the command table)."""
    mark = re.compile(rf"`handover {re.escape(name)}(?=[ `])")
    return "\n".join(line for line in text.splitlines() if mark.search(line))


def own_options(app: str, name: str) -> list[str]:
    """The command's option strings, without those every Django command has."""
    common = {o for a in BaseCommand().create_parser("handover", "x")._actions
              for o in a.option_strings}
    parser = load_command_class(app, name).create_parser("handover", name)
    return [option for action in parser._actions
            if not isinstance(action, argparse._HelpAction)
            for option in action.option_strings if option not in common]


def variables_read() -> dict[str, str]:
    """{HANDOVER_* name: first file:line reading it} over every module of handover/."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in ENV_READ.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.setdefault(match.group(1), f"{path.relative_to(ROOT)}:{line}")
    return found


def test_it_finds_the_commands_and_the_variables_it_checks():
    """A guard on the discovery itself: an empty list would make the tests below pass."""
    commands = product_commands()
    assert {"serve", "worker", "health", "import_mail", "render_letter"} <= set(commands)
    variables = variables_read()
    assert {"HANDOVER_DATA_DIR", "HANDOVER_TASKS", "HANDOVER_TRASH_DAYS",
            "HANDOVER_TEXT_POOL_FROM", "HANDOVER_IMAP_PASSWORD"} <= set(variables)


def test_it_lists_every_management_command_in_the_readme():
    text = readme()
    missing = [name for name in product_commands() if not command_rows(text, name)]
    assert missing == [], (
        "README.md's command table lacks a row starting with `handover NAME` for: "
        + ", ".join(missing))


def test_it_lists_every_option_of_each_command_in_the_readme():
    text = readme()
    missing = []
    for name, app in product_commands().items():
        rows = command_rows(text, name)
        if not rows:
            continue  # reported by the test above
        missing += [f"{name} {option}" for option in own_options(app, name)
                    if not re.search(rf"{re.escape(option)}(?![\w-])", rows)]
    assert missing == [], "README.md's command table lacks these options: " + ", ".join(
        missing)


def test_it_lists_every_environment_variable_in_the_readme():
    text = readme()
    missing = [f"{name} (read at {where})" for name, where in variables_read().items()
               if not re.search(rf"`{name}`", text)]
    assert missing == [], "README.md's configuration table lacks: " + ", ".join(missing)

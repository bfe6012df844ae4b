"""The demo workspace: what every app adds to it (`handover.<app>.demo.fill`), clients first.

`fill_workspace` is also what the test suite uses to build persona Alice's workspace, so
every later capability should add its demo rows in its own app's demo.py.
"""

from handover.core.apps_registry import modules


def fill_workspace(workspace, actor) -> None:
    for module in modules("demo"):
        if module.__name__ != __name__:
            module.fill(workspace, actor)

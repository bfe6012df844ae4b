"""The demo workspace: what every app adds to it (`handover.<app>.demo.fill`), clients first.

The test suite builds persona Alice's workspace from the same modules (the clients' demo
alone, or all of them for `demo_workspace_a`), so every later capability should add its
demo rows in its own app's demo.py.
"""

from handover.core.apps_registry import modules


def fill_workspace(workspace, actor) -> None:
    for module in modules("demo"):
        if module.__name__ != __name__:
            module.fill(workspace, actor)

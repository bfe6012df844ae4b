"""Writes only in action modules: an ORM write anywhere else in the product fails here.

The product's code is read as syntax trees, not run. A write is a call of `save`, `delete`,
`create`, `update`, `bulk_create`, `bulk_update`, `get_or_create` or `update_or_create` on a
manager or queryset (`X.objects...`, `.filter(...)`, `.all()`, a related manager) or of
`save`/`delete` on a model instance, and any SQL text that inserts, updates or deletes.
Action modules are `actions.py` and the modules of a package `actions/`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PRODUCT = Path(__file__).resolve().parents[1] / "handover"
WRITES = {"save", "delete", "create", "update", "bulk_create", "bulk_update", "get_or_create",
          "update_or_create"}
QUERYSET_STEPS = {"objects", "filter", "exclude", "all", "select_for_update", "select_related",
                  "prefetch_related", "order_by", "only", "defer", "using"}
SQL = re.compile(r"^\s*(INSERT\s+INTO|UPDATE\s+\"?\w+\"?\s+SET|DELETE\s+FROM)\b", re.I)

# Infrastructure that keeps its own bookkeeping rows, each for a reason:
INFRASTRUCTURE = {
    "handover/core/audit.py",  # the audit log itself: `record()` is what actions call
    "handover/core/versions.py",  # the workspace's data version, raised by `record()`
    "handover/core/mail.py",  # the outbox: queueing a message is part of the caller's action
    "handover/core/outbox.py",  # the outbox's delivery states and attempts
    "handover/core/models.py",  # the user manager's create_user / create_superuser
    "handover/core/rest/auth.py",  # a token's last use, at most once a minute
    "handover/health/facts.py",  # derived facts, rewritten in bulk by the recompute action
}

# Writes still outside an action module: each is to move into its app's actions. The list
# may only shrink; a write added anywhere else fails the test.
NOT_YET_MOVED: set[str] = set()


def _is_action_module(path: Path) -> bool:
    return path.stem == "actions" or path.parent.name == "actions"


def _chain(node) -> list[str]:
    """The attribute and call names of a receiver, outermost last: a.objects.filter() ->
    ['a', 'objects', 'filter']."""
    names = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names[::-1]
        else:
            return names[::-1]


def _is_write(call: ast.Call) -> bool:
    if not isinstance(call.func, ast.Attribute) or call.func.attr not in WRITES:
        return False
    receiver = _chain(call.func.value)
    if QUERYSET_STEPS & set(receiver) or any(name.endswith("_set") for name in receiver):
        return True
    if call.func.attr in {"save", "delete"}:
        # A model instance; files, storages and forms that are not model forms are not.
        last = receiver[-1] if receiver else ""
        return not (last in {"file", "storage", "default_storage", "upload", "evidence",
                             "session", "document", "super"} or last.endswith("storage"))
    return False


def writes_outside_actions() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for path in sorted(PRODUCT.rglob("*.py")):
        rel = path.relative_to(PRODUCT.parent).as_posix()
        if "/migrations/" in rel or _is_action_module(path) or rel in INFRASTRUCTURE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # `@router.delete(...)` declares a route; it writes nothing.
        decorators = {id(d) for n in ast.walk(tree) for d in getattr(n, "decorator_list", ())}
        for node in ast.walk(tree):
            if id(node) in decorators:
                continue
            if isinstance(node, ast.Call) and _is_write(node) or (
                    isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and SQL.match(node.value)):
                found.setdefault(rel, []).append(node.lineno)
    return found


def test_it_finds_no_orm_write_outside_action_modules():
    found = writes_outside_actions()
    new = {path: lines for path, lines in found.items() if path not in NOT_YET_MOVED}
    assert not new, f"ORM writes outside action modules (move them into an action): {new}"


def test_it_keeps_the_list_of_writes_not_yet_moved_true():
    """An entry whose writes have moved must leave the list, so that it only shrinks."""
    found = writes_outside_actions()
    assert not sorted(NOT_YET_MOVED - set(found)), "moved already: remove from NOT_YET_MOVED"


def test_it_recognises_writes_and_leaves_other_calls_alone():
    def calls(source):
        return [_is_write(n) for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)
                and isinstance(n.func, ast.Attribute) and n.func.attr in WRITES]

    assert calls("Client.objects.filter(pk=1).update(name='x')") == [True]
    assert calls("Client.objects.create(name='x')") == [True]
    assert calls("client.save(update_fields=['name'])") == [True]
    assert calls("engagement.step_set.all().delete()") == [True]
    assert calls("digest.update(b'x')") == [False]
    assert calls("values.update({'a': 1})") == [False]
    assert calls("attachment.file.save('a.txt', content)") == [False]
    assert calls("super().save(*args, **kwargs)") == [False]
    assert SQL.match("INSERT INTO health_fact (a) VALUES (%s)")
    assert not SQL.match("Update the procedure when the client asks.")


def test_it_keeps_only_actions_public_in_action_modules():
    """An action module's public functions are `do_<verb>_<noun>`; a read belongs in the
    app's selectors, a helper stays private (`_name`)."""
    found = []
    for path in sorted(PRODUCT.rglob("*.py")):
        if "/migrations/" in path.as_posix() or not _is_action_module(path):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith(("do_", "_")):
                found.append(f"{path.relative_to(PRODUCT.parent).as_posix()}:{node.name}")
    assert not found, f"public functions that are not actions: {found}"

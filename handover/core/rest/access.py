"""The membership an API call acts with, and API values bound to the UI's own forms."""

from __future__ import annotations

from handover.core.access import membership_for, require

from .errors import Invalid


def membership_in(request, ws: str, capability: str):
    """The caller's membership in `ws` (the one authentication loaded, when it matches),
    404 outside it, 403 without the capability."""
    found = getattr(request, "membership", None)
    if found is None or found.workspace.slug != ws or found.user_id != getattr(
            request.auth, "pk", None):
        found = membership_for(request.auth, ws)
    require(found, capability)
    return found


def bind(form_class, workspace, payload: dict, instance=None):
    """Bind a UI form to API values; for a partial update, unsent fields keep their value."""
    data = {}
    if instance is not None:
        current = form_class(instance=instance, workspace=workspace)
        data = {name: current.initial.get(name) for name in current.fields}
        data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update({k: ("" if v is None else v) for k, v in payload.items()})
    form = form_class(data=data, instance=instance, workspace=workspace)
    if not form.is_valid():
        raise Invalid.from_form(form)
    return form

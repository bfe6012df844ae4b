"""The REST API: /api/w/{ws}/..., scoped like the UI, validated by the UI's own forms.

This module only assembles: each app's `api.py` router is mounted here; what the routers
share (authentication, errors, paging, binding to forms) is in handover/core/rest/.
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from ninja import NinjaAPI, Schema

from handover import __version__
from handover.core.apps_registry import modules
from handover.core.models import Membership
from handover.core.rest import errors
from handover.core.rest.auth import auth
from handover.core.rest.errors import StrictJsonParser
from handover.core.rest.paging import Rows, paged
from handover.core.selectors import workspaces_for

api = NinjaAPI(
    title="Handover API",
    version=__version__,
    description="Clients, contacts and engagements of a workspace. Authenticate with "
    "`Authorization: Bearer <token>` (create one with `handover api_token EMAIL`).\n\n"
    "Lists are paged: `?limit=` (1 to 200, 50 by default) and `?offset=`, answering "
    "`{\"count\", \"items\", \"limit\", \"offset\"}`. Every error answers "
    "`{\"detail\": sentence}`, with 422 also `\"errors\": {field: [sentences]}`; bodies are "
    "JSON (400 otherwise) of at most the server's upload limit (413 otherwise).",
    auth=auth,
    urls_namespace="api",
    parser=StrictJsonParser(),
)
errors.install(api)


class WorkspaceOut(Schema):
    slug: str
    name: str
    role: str


# Workspaces ------------------------------------------------------------------------------

@api.get("/workspaces", response=list[WorkspaceOut], tags=["workspaces"])
@paged
def list_workspaces(request):
    user = request.auth
    role = Membership.objects.filter(workspace=OuterRef("pk"), user=user).values("role")[:1]
    return Rows(workspaces_for(user).annotate(my_role=Subquery(role)),
                lambda w: {"slug": w.slug, "name": w.name, "role": w.my_role})


# Every app's router (`handover.<app>.api.router`).
for _module in modules("api", exclude=("handover.api",)):
    api.add_router("/", _module.router)

# Every operation documents the errors it can answer, in the one shape.
errors.document(api)

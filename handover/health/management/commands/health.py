"""`handover health --workspace SLUG [--engagement ID] [--json]`: recompute, then print each
engagement's counts per signal, score and recommendation."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from handover.core.models import Workspace
from handover.interactions.models import Interaction

from ...actions.compute import do_compute_health
from ...models import EngagementHealth
from ...reasons import reason_sentences
from ...scoring import SIGNALS


class Command(BaseCommand):
    help = "Recompute relationship health and print it per engagement."

    def add_arguments(self, parser):
        parser.add_argument("--workspace", required=True, metavar="SLUG")
        parser.add_argument("--engagement", type=int, default=None, metavar="ID")
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, workspace, engagement, as_json, **options):
        ws = Workspace.objects.filter(slug=workspace).first()
        if ws is None:
            raise CommandError(_("There is no workspace %(slug)s.") % {"slug": workspace})
        states = EngagementHealth.objects.filter(workspace=ws)
        ids = None
        if engagement is not None:
            if not ws.engagements.filter(pk=engagement).exists():
                raise CommandError(_("Workspace %(slug)s has no engagement %(id)s.")
                                   % {"slug": workspace, "id": engagement})
            ids = [engagement]
            states = states.filter(engagement_id=engagement)
        self._compute(ws, ids, show=not as_json and self.stdout.isatty())
        rows = []
        for state in states.select_related("engagement__client").order_by("engagement_id"):
            rows.append({
                "engagement": state.engagement_id,
                "client": state.engagement.client.name,
                "title": state.engagement.title,
                "score": state.score,
                "recommendation": state.recommendation,
                "counts": {s: state.counts.get(s, 0) for s in SIGNALS},
                "reasons": [str(s) for s in reason_sentences(state.reasons)],
            })
        if as_json:
            self.stdout.write(json.dumps({"workspace": ws.slug, "engagements": rows},
                                         ensure_ascii=False, indent=2))
            return
        for row in rows:
            counts = ", ".join(f"{k} {v}" for k, v in row["counts"].items())
            self.stdout.write(f"{row['engagement']:>5}  {row['score']:>3}  "
                              f"{row['recommendation']:<12} {row['client']}: {row['title']}")
            self.stdout.write(f"       {counts}")
            for reason in row["reasons"]:
                self.stdout.write(f"       - {reason}")

    def _compute(self, ws, ids, *, show: bool) -> None:
        if not show:
            do_compute_health(ws, engagement_ids=ids)
            return
        from rich.progress import Progress

        pending = Interaction.objects.filter(workspace=ws, engagement__isnull=False,
                                             facts__isnull=True)
        if ids is not None:
            pending = pending.filter(engagement_id__in=ids)
        with Progress(transient=True) as bar:
            task = bar.add_task(_("Reading new interactions"), total=pending.count() or 1)
            do_compute_health(ws, engagement_ids=ids,
                              progress=lambda done: bar.update(task, completed=done))

"""handover render_letter KIND --engagement ID --language LL [--format txt|pdf|docx] [--json]

Prints the letter and its "say less" findings, or writes the PDF/DOCX (to --output, or a
file named after the letter in the current directory).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from handover.clients.models import Engagement
from handover.core.models import Membership, Role
from handover.letters.documents import text_docx, text_pdf
from handover.letters.explain import explained
from handover.letters.kinds import SPECS, Kind
from handover.letters.placeholders import REGISTRY
from handover.letters.render import render
from handover.letters.texts import languages


class Command(BaseCommand):
    help = "Render a letter for an engagement and check it."

    def add_arguments(self, parser):
        parser.add_argument("kind", help=", ".join(Kind.values))
        parser.add_argument("--engagement", type=int, required=True, metavar="ID")
        parser.add_argument("--language", default="", metavar="LL")
        parser.add_argument("--departure", type=int, metavar="ID")
        parser.add_argument("--format", choices=["txt", "pdf", "docx"], default="txt")
        parser.add_argument("--output", metavar="FILE")
        parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                            help="a value for a placeholder the writer fills (call_time...)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, kind, engagement, language, departure, format, output, json,
               **options):
        if kind not in Kind.values:
            raise CommandError(_("Unknown kind of letter “%(kind)s”. Choose one of: "
                                 "%(kinds)s.") % {"kind": kind, "kinds": ", ".join(Kind.values)})
        row = (Engagement.objects.select_related("client", "workspace", "account_manager")
               .filter(pk=engagement).first())
        if row is None:
            raise CommandError(_("There is no engagement %(id)s.") % {"id": engagement})
        language = language or row.client.language
        if language not in languages():
            raise CommandError(_("Unknown language “%(language)s”. Choose one of: "
                                 "%(languages)s.") % {"language": language,
                                                      "languages": ", ".join(languages())})
        extra = {}
        for item in options["set"]:
            name, sep, value = item.partition("=")
            if not sep or name not in REGISTRY:
                raise CommandError(_("“%(item)s” is not NAME=VALUE with a known placeholder "
                                     "name.") % {"item": item})
            extra[name] = value.replace("\\n", "\n")
        dep = self._departure(row.workspace, departure, kind)
        sender = row.account_manager or self._owner(row.workspace)
        out = render(kind, language, workspace=row.workspace, sender=sender, engagement=row,
                     departure=dep, extra=extra)
        with translation.override(translation.get_language() or "en"):
            findings = explained(out.findings)
        if format == "txt":
            if json:
                self.stdout.write(self._json(out, findings))
            else:
                self.stdout.write(f"{out.subject}\n\n{out.body}")
                for f in findings:
                    self.stderr.write(f"[{f['severity']}] {f['rule']}: {f['message']}")
            return
        content = (text_pdf if format == "pdf" else text_docx)(out.subject, out.body, language)
        path = Path(output or f"{kind}-{row.pk}-{language}.{format}")
        try:
            path.write_bytes(content)
        except OSError as err:
            raise CommandError(_("Cannot write %(path)s: %(error)s") % {
                "path": path, "error": err.strerror}) from err
        if json:
            self.stdout.write(self._json(out, findings, file=str(path)))
        else:
            self.stdout.write(str(path))

    @staticmethod
    def _json(out, findings, **more) -> str:
        return json.dumps({
            "kind": out.kind, "language": out.language, "subject": out.subject,
            "text": out.body, **more,
            "findings": [{"rule": f["rule"], "severity": f["severity"], "span": f["span"],
                          "message": f["message"]} for f in findings],
        }, ensure_ascii=False, indent=2)

    @staticmethod
    def _owner(workspace):
        m = Membership.objects.filter(workspace=workspace, role=Role.OWNER,
                                      is_active=True).select_related("user").first()
        return m.user if m else None

    @staticmethod
    def _departure(workspace, departure_id, kind):
        from handover.departures.models import Departure

        if departure_id is None:
            if SPECS[kind].departure:
                raise CommandError(_("This kind of letter is written for a departure: give "
                                     "--departure ID."))
            return None
        dep = Departure.objects.filter(workspace=workspace, pk=departure_id).first()
        if dep is None:
            raise CommandError(_("There is no departure %(id)s in this engagement's "
                                 "workspace.") % {"id": departure_id})
        return dep

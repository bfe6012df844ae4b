"""Demo content: a small client folder, audited, exported and offered to the client."""

import os
from datetime import datetime

from django.conf import settings

from handover.clients.models import Engagement

FILES = {
    "2025-03-10_offerta_v2.pdf": b"%PDF-1.4\n% demo offer\n" + b"0" * 2000,
    "Fatture/2025-04-30_fattura-12_v1.pdf": b"%PDF-1.4\n% demo invoice\n" + b"1" * 3000,
    "Fatture/2025-04-30_fattura-12_v1 (copia).pdf": b"%PDF-1.4\n% demo invoice\n" + b"1" * 3000,
    "contratto firmato.docx": b"PK\x03\x04 demo contract",
    "note riunione.txt": b"Riunione con Giulia: consegna dei file entro fine mese.\n" * 40,
    "~$contratto firmato.docx": b"lock",
    "Foto/cantiere.jpg": b"\xff\xd8\xff\xe0 demo photo" + bytes(range(256)) * 8,
}
RULES = {"preset": "date_topic_version",
         "folders": [{"folder": "Fatture", "keywords": ["fattura"]}]}


def fill(workspace, actor) -> None:
    from handover.portal.actions import do_create_delivery

    from .actions.audits import do_run_audit, do_set_naming_rule, do_start_audit
    from .actions.exports import do_run_export, do_start_export

    root = os.path.join(settings.DATA_DIR, "demo-files", workspace.slug, "Studio Bellini")
    stamp = datetime(2025, 5, 2, 9, 30).timestamp()
    for rel, content in FILES.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(content)
        os.utime(path, (stamp, stamp))
    os.makedirs(os.path.join(root, "Vecchi"), exist_ok=True)
    do_set_naming_rule(workspace, actor=actor, **RULES)
    engagement = Engagement.objects.filter(workspace=workspace,
                                           client__country="IT").first()
    run = do_start_audit(workspace, actor=actor, root=root, engagement=engagement,
                         anywhere=True)
    run = do_run_audit(run, workers=1)
    job = do_start_export(run, actor=actor)
    job = do_run_export(job, actor=actor, workers=1)
    contact = engagement.client.contacts.first() if engagement else None
    do_create_delivery(job, actor=actor, recipient=contact.email if contact else actor.email,
                       language=engagement.client.language if engagement else "en")

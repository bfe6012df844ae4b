"""The story of a duty in words: one sentence per change, in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import ChangeKind, ClientAnswer, Decision, DutyStatus

SENTENCES = {
    ChangeKind.CREATED: _("%(actor)s set up the duty (%(status)s)."),
    ChangeKind.PROCEDURE: _("%(actor)s wrote version %(number)s of the procedure."),
    ChangeKind.SCOPE: _("%(actor)s changed %(fields)s."),
    ChangeKind.ASSIGNEE: _("%(actor)s handed the duty from %(old)s to %(new)s."),
    ChangeKind.STATUS: _("%(actor)s changed the status from %(old)s to %(new)s."),
    ChangeKind.REVIEW: _("%(actor)s reviewed the duty and decided: %(decision)s."),
    ChangeKind.PROPOSAL: _("%(actor)s proposed a revision of the procedure."),
    ChangeKind.PROPOSAL_ACCEPTED: _(
        "%(actor)s accepted the proposed revision: it became version %(number)s."),
    ChangeKind.PROPOSAL_DECLINED: _("%(actor)s declined the proposed revision."),
    ChangeKind.TERMS_ANSWER: _("%(actor)s recorded the client's answer to the new terms: "
                               "%(answer)s."),
}

FIELD_LABELS = {
    "title": _("the title"), "description": _("the description"),
    "frequency": _("how often"), "client_minutes": _("the client's own time"),
    "agreed_minutes": _("the agreed time"),
    "client_hourly_value": _("the value of the client's time"), "started_on": _("the start date"),
    "trial_review_on": _("the trial review date"), "next_review_on": _("the next review date"),
}


def _label(choices, value):
    return choices(value).label if value in choices.values else (value or "—")


def sentence(change) -> str:
    data = change.data or {}
    params = {
        "actor": change.actor.display_name if change.actor else _("Handover"),
        "status": _label(DutyStatus, data.get("status")),
        "number": data.get("number") or (change.version.number if change.version else ""),
        "old": data.get("old") or "—", "new": data.get("new") or "—",
        "decision": _label(Decision, data.get("decision")),
        "answer": _label(ClientAnswer, data.get("answer")),
        "fields": ", ".join(str(FIELD_LABELS.get(k, k)) for k in data.get("changes", {})),
    }
    if change.kind == ChangeKind.STATUS:
        params["old"], params["new"] = (_label(DutyStatus, data.get("old")),
                                        _label(DutyStatus, data.get("new")))
    return str(SENTENCES.get(change.kind, _("%(actor)s changed the duty."))) % params


def entries(changes) -> list:
    changes = list(changes)
    for change in changes:
        change.sentence = sentence(change)
    return changes

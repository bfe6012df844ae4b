"""Reads for letters, templates and the policy, always scoped to one workspace."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from handover.core.access import can

from .kinds import Kind
from .models import Letter, LetterTemplate
from .texts import languages, shipped


def letters_of(membership, *, state: str = "") -> QuerySet[Letter]:
    letters = Letter.objects.filter(workspace=membership.workspace).select_related(
        "client", "engagement", "email", "departure")
    if not can(membership, "approve_letters"):
        # Members see the letters they wrote and those of their engagements.
        from django.db.models import Q

        letters = letters.filter(Q(created_by=membership.user)
                                 | Q(engagement__account_manager=membership.user))
    if state:
        letters = letters.filter(state=state)
    return letters


def letter(membership, letter_id: int) -> Letter:
    return get_object_or_404(letters_of(membership), pk=letter_id)


def template_grid(workspace) -> list[dict]:
    own = {(t.kind, t.language): t for t in LetterTemplate.objects.filter(workspace=workspace)}
    return [{"kind": kind, "label": label,
             "cells": [{"language": lang, "own": own.get((kind, lang))} for lang in languages()]}
            for kind, label in Kind.choices]


def template_text(workspace, kind: str, language: str) -> tuple[str, str, LetterTemplate | None]:
    row = LetterTemplate.objects.filter(workspace=workspace, kind=kind, language=language).first()
    if row is not None:
        return row.subject, row.body, row
    return (*shipped(kind, language), None)


def letters_of_departure(workspace, departure) -> QuerySet[Letter]:
    return Letter.objects.filter(workspace=workspace, departure=departure).select_related(
        "client", "email")

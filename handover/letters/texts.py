"""Which text a letter starts from: the workspace's own template or the shipped default."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from django.conf import settings

from .kinds import Kind

DEFAULTS_DIR = Path(__file__).with_name("defaults")


@cache
def shipped_all(language: str) -> dict[str, dict[str, str]]:
    data = tomllib.loads((DEFAULTS_DIR / f"{language}.toml").read_text(encoding="utf-8"))
    return {kind: {"subject": spec["subject"].strip(), "body": spec["body"].strip() + "\n"}
            for kind, spec in data.items()}


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def shipped(kind: str, language: str) -> tuple[str, str]:
    if language not in languages():
        language = "en"
    spec = shipped_all(language)[Kind(kind).value]
    return spec["subject"], spec["body"]


def template_for(workspace, kind: str, language: str) -> tuple[str, str, bool]:
    """(subject, body, is_the_workspace's_own)."""
    from .models import LetterTemplate

    own = LetterTemplate.objects.filter(workspace=workspace, kind=kind,
                                        language=language).first()
    if own is not None:
        return own.subject, own.body, True
    return (*shipped(kind, language), False)

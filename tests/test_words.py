"""Words and figures in the reader's language: file sizes, months, times without seconds,
and the icon every browser asks for."""

from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from handover.core.templatetags.handover import datetime_short, file_size, month_long

SIZES = {"en": ("737 bytes", "1 byte", "1.5 MB"), "it": ("737 byte", "1 byte", "1,5 MB"),
         "pl": ("737 bajtów", "1 bajt", "1,5 MB"), "ca": ("737 bytes", "1 byte", "1,5 MB"),
         "nb": ("737 byte", "1 byte", "1,5 MB")}


@pytest.mark.parametrize("language", sorted(SIZES))
def test_it_writes_file_sizes_months_and_times_in_the_readers_language(language):
    with translation.override(language):
        assert (file_size(737), file_size(1), file_size(1_500_000)) == SIZES[language]
        assert "2026" in month_long(date(2026, 1, 9)) and "-01" not in month_long(
            date(2026, 1, 9))
        moment = datetime_short(datetime(2026, 3, 4, 10, 5, 42, tzinfo=UTC))
        assert "42" not in moment and "2026" in moment  # no seconds


def test_it_serves_an_icon_instead_of_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    page = client.get("/accounts/login/").content.decode()
    assert 'rel="icon"' in page


def test_it_says_a_plans_warnings_in_the_readers_language_with_the_right_plural():
    from handover.offboarding.views.plans import WARNINGS

    with translation.override("pl"):
        said = [str(WARNINGS["holidays"] % {"count": n}) for n in (1, 2, 5)]
    assert said == ["W okresie wypowiedzenia wypada 1 święto państwowe.",
                    "W okresie wypowiedzenia wypadają 2 święta państwowe.",
                    "W okresie wypowiedzenia wypada 5 świąt państwowych."]
    with translation.override("en"):
        assert WARNINGS["holidays"] % {"count": 1} == (
            "1 public holiday falls in the notice period.")


def test_it_names_a_letters_language_in_the_readers_language(alice, alice_client, workspace_a):
    from handover.letters.actions import do_draft_letter

    from .conftest import first_engagement

    engagement = first_engagement(workspace=workspace_a, client__language="it")
    letter = do_draft_letter(workspace_a, actor=alice, kind="notice_of_ending",
                             engagement=engagement)
    page = alice_client.get(f"/w/{workspace_a.slug}/letters/{letter.pk}/").content.decode()
    assert "<dd>Italian</dd>" in page
    with translation.override("pl"):
        from handover.core.templatetags.handover import language_name

        assert language_name("it") == "Włoski"

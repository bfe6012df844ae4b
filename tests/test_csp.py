"""The Content-Security-Policy: on every HTML answer, strict (no inline script, no eval), and
no page breaks it in Chromium; procedures never load images from another server."""

import re
from urllib.parse import urlsplit

import pytest
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from handover.duties.actions.time import do_start_timer
from handover.duties.markup import is_local, render
from handover.duties.models import Duty

from .browser import page  # noqa: F401 - the fixture
from .conftest import PASSWORD
from .test_portal_delivery import export_job  # noqa: F401 - the fixture

REMOTE_IMAGE = "![Chart of the week](https://images.example/chart.png)"


def boom(request):
    raise RuntimeError("a failure the user must not see")


def fine(request):
    return HttpResponse("<!doctype html><title>fine</title><p>fine</p>")


# The URLs of the error test below: an answer, and a view that fails.
urlpatterns = [path("boom/", boom), path("fine/", fine)]


def policy(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict(response) -> None:
    found = policy(response)
    where = response.request["PATH_INFO"]
    assert found.get("default-src") == ["'self'"], where
    assert found.get("script-src") == ["'self'"], where  # no inline, no eval, no nonce
    for directive in ("script-src", "style-src", "default-src"):
        for value in found.get(directive, []):
            assert value not in ("'unsafe-inline'", "'unsafe-eval'", "*"), (where, value)
            assert not value.startswith(("'nonce-", "http:", "https:")), (where, value)
    assert found.get("object-src") == ["'none'"], where
    assert found.get("frame-ancestors") == ["'none'"], where
    assert "'self'" in found.get("img-src", []), where


# --- the header -------------------------------------------------------------------------

def test_it_sends_the_policy_on_pages_for_visitors(db):
    visitor = Client()
    for url, status in [("/accounts/login/", 200), ("/accounts/password-reset/", 200),
                        ("/no-such-page/", 404), ("/portal/", 403),
                        ("/portal/not-a-token/", 404)]:
        response = visitor.get(url)
        assert response.status_code == status, url
        assert response["Content-Type"].startswith("text/html"), url
        assert_strict(response)
    refused = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert refused.status_code == 403
    assert_strict(refused)


def test_it_sends_the_policy_on_signed_in_pages_cached_or_not(alice_client, demo_workspace_a):
    ws = demo_workspace_a.slug
    duty = Duty.objects.filter(workspace=demo_workspace_a).first()
    for url in [f"/w/{ws}/", f"/w/{ws}/", f"/w/{ws}/members/", f"/w/{ws}/members/",
                f"/w/{ws}/duties/", f"/w/{ws}/duties/{duty.pk}/", f"/w/{ws}/health/",
                f"/w/{ws}/letters/", "/accounts/", f"/w/{ws}/duties/999999/"]:
        response = alice_client.get(url)
        assert response.status_code in (200, 404), url
        assert_strict(response)


def test_it_sends_the_policy_on_the_client_portal(export_job, alice):  # noqa: F811
    from handover.portal.actions import do_create_delivery

    _delivery, token = do_create_delivery(export_job, actor=alice, recipient="g@x.example")
    visitor = Client()
    entered = visitor.get(f"/portal/{token}/")
    assert entered.status_code == 302
    response = visitor.get("/portal/")
    assert response.status_code == 200 and export_job.archives.first().name in \
        response.content.decode()
    assert_strict(response)


@override_settings(ROOT_URLCONF=__name__)
def test_it_sends_the_policy_on_the_error_page(db):
    visitor = Client(raise_request_exception=False)
    assert_strict(visitor.get("/fine/"))
    failed = visitor.get("/boom/")
    assert failed.status_code == 500
    assert "a failure the user must not see" not in failed.content.decode()
    assert "Traceback" not in failed.content.decode()
    assert_strict(failed)


def test_its_templates_hold_no_inline_script_or_handler():
    """Inline script and handlers would be refused by the policy: none in any template."""
    from pathlib import Path

    import handover

    root = Path(handover.__file__).parent
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\bhx-on|javascript:"
                        r"|\sstyle\s*=", re.IGNORECASE)
    # Documents rendered to PDF by WeasyPrint keep their <style>: no browser shows them.
    for_pdf = {"documents/document.html", "health/report.html"}
    checked = 0
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        name = template.as_posix().split("/templates/", 1)[1]
        found = inline.search(text) or (None if name in for_pdf else
                                        re.search(r"<style", text, re.IGNORECASE))
        assert found is None, f"{name}: {found.group(0)}"
        checked += 1
    assert checked > 50


# --- procedures --------------------------------------------------------------------------

def test_it_turns_a_remote_image_into_a_link_to_it():
    html = render(f"See {REMOTE_IMAGE} here.")
    assert "<img" not in html
    assert '<a href="https://images.example/chart.png"' in html
    assert ">Chart of the week</a>" in html
    assert 'rel="noopener noreferrer nofollow"' in html


@pytest.mark.parametrize("markup", [
    '<img src="https://images.example/a.png" alt="A &amp; B">',
    '<IMG SRC="http://images.example/a.png" alt="A &amp; B" onerror="alert(1)">',
    '<img src="//images.example/a.png" alt="A &amp; B">',
    '<img src="/\\images.example/a.png" alt="A &amp; B">',
    '<img src=" https://images.example/a.png" alt="A &amp; B">',
    '<img src="ht&#x09;tps://images.example/a.png" alt="A &amp; B">',
    '![A & B](https://images.example/a.png "a title")',
    '![A & B](ftp://images.example/a.png)',
])
def test_it_fetches_no_image_from_another_server(markup):
    html = render(markup)
    assert "<img" not in html.lower()
    assert "A &amp; B" in html
    assert "onerror" not in html and "alert" not in html


def test_it_keeps_only_the_alt_text_of_a_remote_image_inside_a_link():
    html = render("[![Logo](https://images.example/logo.png)](https://site.example/)")
    assert "<img" not in html
    assert html.count("<a ") == 1  # no link inside the link
    assert '<a href="https://site.example/" rel="noopener noreferrer nofollow">Logo</a>' in html


def test_it_drops_a_remote_image_without_words_or_address_it_could_show():
    assert "<img" not in render('<img src="data:image/png;base64,AAAA" alt="">')
    assert render('<img alt="">').strip() == ""
    assert "javascript" not in render('<img src="javascript:alert(1)" alt="x">')


def test_it_keeps_images_on_this_server():
    html = render("![Steps](/static/handover/steps.png) and ![Map](images/map.png)")
    assert '<img src="/static/handover/steps.png" alt="Steps">' in html
    assert '<img src="images/map.png" alt="Map">' in html


def test_it_tells_local_addresses_from_remote_ones():
    assert is_local("/static/a.png") and is_local("a.png") and is_local("./a/b.png")
    assert is_local("/a.png?size=2#top")
    for remote in ["https://x.example/a.png", "//x.example/a.png", "/\\x.example/a.png",
                   "\\\\x.example/a.png", " //x.example/a.png", "\t//x.example", "data:,x",
                   "HTTPS://x.example", "h\nttps://x.example/a.png", ""]:
        assert not is_local(remote), remote


def test_it_keeps_the_rest_of_a_procedure_and_its_safe_links():
    text = ("# Invoices\n\n1. Open **the** folder & check `<b>`.\n"
            "2. [Portal](https://portal.example/?a=1&b=2)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
            "<script>alert(1)</script><a href=\"javascript:alert(2)\">x</a>")
    html = render(text)
    assert "<h1>Invoices</h1>" in html and "<strong>the</strong>" in html
    assert "folder &amp; check <code>&lt;b&gt;</code>" in html
    assert ('<a href="https://portal.example/?a=1&amp;b=2" '
            'rel="noopener noreferrer nofollow">Portal</a>') in html
    assert "<table>" in html and "<td>2</td>" in html
    assert "<script" not in html and "alert" not in html and "javascript" not in html


# --- in Chromium ---------------------------------------------------------------------------

SKIP = re.compile(r"/(logout|download|pdf|docx|ics|csv|export|feed)\b|\.(pdf|docx|ics|csv|zip)$"
                  r"|[?&](format|download)=")
LIMIT = 200


def _shape(url: str) -> str:
    """Pages of one kind (one client, another client) are looked at once."""
    parts = urlsplit(url)
    keys = sorted(p.split("=")[0] for p in parts.query.split("&") if p)
    return re.sub(r"\d+", "#", parts.path) + "?" + "&".join(keys)


def _watch(page) -> list[str]:  # noqa: F811
    """Every CSP violation Chromium reports, in the console or as an event, and every time
    htmx wanted eval (refused by its configuration)."""
    seen: list[str] = []

    def console(message):
        if "Content Security Policy" in message.text or "unsafe-eval" in message.text:
            seen.append(f"{page.url}: {message.text}")

    page.on("console", console)
    page.expose_function("reportViolation", lambda text: seen.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', function (e) {"
        " window.reportViolation(location.pathname + ': ' + e.violatedDirective + ' '"
        " + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber); });"
        "document.addEventListener('htmx:evalDisallowedError', function () {"
        " window.reportViolation(location.pathname + ': htmx wanted eval'); });")
    return seen


def _crawl(page, start: str, prefix: str) -> list[str]:  # noqa: F811
    """Same-site pages under `prefix` reached by links from `start`, one of each kind."""
    queue, shapes, visited = [start], set(), []
    while queue and len(visited) < LIMIT:
        url = queue.pop(0)
        if _shape(url) in shapes or SKIP.search(url):
            continue
        shapes.add(_shape(url))
        head = page.request.get(url, max_redirects=0)
        if not head.headers.get("content-type", "").startswith("text/html"):
            continue
        page.goto(url)
        page.wait_for_load_state("load")
        visited.append(url)
        for href in page.eval_on_selector_all(
                "a[href]:not([download])", "links => links.map(a => a.getAttribute('href'))"):
            address = urlsplit(href)
            if address.scheme or address.netloc or not address.path.startswith(prefix):
                continue
            queue.append(address.path + (f"?{address.query}" if address.query else ""))
    return visited


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_breaks_no_page_in_chromium(page, demo_workspace_a, alice, export_job):  # noqa: F811
    from handover.duties.actions.duties import do_revise_procedure
    from handover.portal.actions import do_create_delivery

    violations = _watch(page)
    ws = demo_workspace_a.slug
    duty = Duty.objects.filter(workspace=demo_workspace_a).order_by("pk").first()
    do_revise_procedure(duty, actor=alice, change_note="A chart.",
                        body=f"1. Look at the chart.\n\n{REMOTE_IMAGE}\n")
    do_start_timer(duty, actor=alice)
    _delivery, token = do_create_delivery(export_job, actor=alice, recipient="g@x.example")

    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/w/{ws}/")

    # The running timer counts (its script is a static file now).
    page.wait_for_function(
        "() => /^\\d+:\\d\\d:\\d\\d$/.test(document.querySelector('.elapsed').textContent)")

    # The procedure's remote image is a link, and nothing was fetched from that server.
    page.goto(f"/w/{ws}/duties/{duty.pk}/")
    assert page.locator(".procedure img").count() == 0
    assert page.locator(".procedure a", has_text="Chart of the week").get_attribute("href") \
        == "https://images.example/chart.png"

    # A list filter sends itself when changed (the handler is in app.js).
    page.goto(f"/w/{ws}/duties/")
    with page.expect_navigation():
        page.get_by_label("Show").select_option("")
    assert "status=" in page.url

    # htmx works without eval: the client search and the activity filter answer.
    page.goto(f"/w/{ws}/clients/")
    with page.expect_response(lambda r: "/clients/" in r.url and r.request.headers.get(
            "hx-request") == "true"):
        page.get_by_role("searchbox").fill("zzzz-nothing")
    page.goto(f"/w/{ws}/activity/")
    with page.expect_response(lambda r: "/activity/" in r.url and r.request.headers.get(
            "hx-request") == "true"):
        page.get_by_label("Show").select_option(index=1)

    visited = _crawl(page, f"/w/{ws}/", f"/w/{ws}/") + _crawl(page, "/accounts/", "/accounts/")
    assert len(visited) >= 20, visited  # the crawl did reach the app's pages

    page.goto("/no-such-page/")
    page.goto("/api/docs")  # Swagger UI, served from this server
    page.locator(".swagger-ui .info .title").wait_for()
    page.goto(f"/portal/{token}/")
    page.wait_for_url("**/portal/")
    page.get_by_role("heading").first.wait_for()
    page.wait_for_timeout(300)  # reports arrive asynchronously
    assert violations == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_reports_a_violation_when_there_is_one(page):  # noqa: F811
    """The watch above can fail: an inline script added to a page is refused and reported."""
    violations = _watch(page)
    page.goto("/accounts/login/")
    assert violations == []
    page.evaluate("() => { const s = document.createElement('script');"
                  " s.textContent = 'window.ran = 1'; document.body.appendChild(s);"
                  " document.body.insertAdjacentHTML('beforeend',"
                  " '<img src=\"https://images.example/x.png\" alt=\"\">'); }")
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.ran") is None
    assert any("script-src" in v for v in violations), violations
    assert any("img-src" in v and "images.example" in v for v in violations), violations

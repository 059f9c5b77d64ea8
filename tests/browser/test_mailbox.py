"""The Mailbox of Government as people use it, in Debian's chromium against the portal
served like `make run`: a writer sends a letter with a Chinese name, a 4 MB PDF and a
script in the text; a handler drafts the reply and a reviewer approves it in the admin;
the writer reads the reply on the track page; the letter appears in Letters and replies
without personal data and with the script shown as text (no dialog ever opens).
axe-core finds no WCAG 2.1 A/AA violation on any public mailbox page or state."""

import re
import textwrap

import pytest
from playwright.sync_api import expect

from cityportal.mailbox.tests.files import make_pdf
from tests import staff
from tests.browser import support
from tests.conftest import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MAILBOX = "/en/online-service/mailbox-of-government/"
WRITER = "张伟"
EMAIL = "zhang.wei.browser@example.org"
SUBJECT = "Night buses from the railway station"
MESSAGE = (
    "Are there night buses from the high-speed railway station to the city centre? "
    "<script>alert(1)</script> My train arrives at 23:40."
)
REPLY = "Night bus N1 leaves the station square every 30 minutes until 01:00 (browser test reply)."
HANDLER, REVIEWER = "mailbox-handler", "mailbox-reviewer"
PASSWORD = "Browser-test-pw-9171"
STAFF_SCRIPT = textwrap.dedent(
    f"""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from cityportal.directory.models import DepartmentPage
    from cityportal.mailbox.groups import REVIEWERS, grant_department_access
    User = get_user_model()
    department = DepartmentPage.objects.get(
        title="Foreign Affairs Office (Sample)", locale__language_code="en"
    )
    staff = department.ensure_staff_group()
    grant_department_access(staff)
    for name, group in (("{HANDLER}", staff), ("{REVIEWER}", Group.objects.get(name=REVIEWERS))):
        user, _ = User.objects.get_or_create(username=name, defaults={{"email": name + "@example.org"}})
        user.set_password("{PASSWORD}")
        user.save()
        user.groups.add(group)
    print("staff ready")
    """
)


def assert_accessible(tab) -> None:
    violations = axe_violations(tab)
    assert not violations, describe_violations(violations)


def fail_on_dialogs(tab) -> list:
    """Any alert/confirm/prompt is a script that ran: record it (and close it)."""
    opened = []

    def record(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", record)
    return opened


def sign_in(tab, portal, username: str) -> None:
    staff.sign_in(tab, portal.url, portal, username, PASSWORD)


def open_letter(tab, portal, number: str) -> None:
    tab.goto(portal.url + "/admin/mailbox/letters/?status=all&q=" + number)
    tab.get_by_role("link", name=number, exact=True).click()
    expect(tab.get_by_role("heading", level=2, name=SUBJECT)).to_be_visible()


def test_a_letter_from_writing_to_the_published_reply(portal, browser, page):
    dialogs = fail_on_dialogs(page)
    portal.manage("shell", "-c", STAFF_SCRIPT)

    # The writer finds the mailbox from its channel page.
    page.goto(portal.url + MAILBOX)
    page.get_by_role("navigation", name="Mailbox of Government").get_by_role(
        "link", name="Write a letter"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Write a letter")
    page.get_by_role("textbox", name="Your name").fill(WRITER)
    page.get_by_role("textbox", name="Email address").fill(EMAIL)
    page.get_by_role("textbox", name="Country or region").fill("China")
    page.get_by_role("radio", name="Consultation").check()
    page.get_by_role("textbox", name="Subject").fill(SUBJECT)
    page.get_by_role("textbox", name="Your letter").fill(MESSAGE)
    pdf = make_pdf(4 * 1024 * 1024, text="Train ticket (browser test)")
    assert len(pdf) == 4 * 1024 * 1024
    page.get_by_label("Attachments (optional)").set_input_files(
        {"name": "ticket.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_role("radio", name=re.compile("^Yes, publish them")).check()
    page.get_by_role("button", name="Send the letter").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Letter received")
    number = page.locator(".tracking-number").inner_text()
    code = page.locator(".query-code").inner_text()
    assert re.fullmatch(r"\d{8}-\d{4}", number)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    expect(page.get_by_text(f"We have also sent them to {EMAIL}.")).to_be_visible()
    support.screenshot(page, "mailbox-thanks-1280", full_page=True)
    assert_accessible(page)

    # Before the reply: the writer sees where the letter is.
    writer = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, locale="en-US")
    phone = writer.new_page()
    phone_dialogs = fail_on_dialogs(phone)
    phone.goto(portal.url + MAILBOX + "track/")
    phone.get_by_role("textbox", name="Tracking number").fill(number)
    phone.get_by_role("textbox", name="Query code").fill(code)
    phone.get_by_role("button", name="Show my letter").click()
    expect(phone.locator(".mailbox-status")).to_contain_text("Assigned")
    assert support.page_width(phone) <= 375

    # The handler of the Foreign Affairs Office drafts the reply.
    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    admin = staff.new_page()
    staff_dialogs = fail_on_dialogs(admin)
    sign_in(admin, portal, HANDLER)
    open_letter(admin, portal, number)
    contact = admin.locator(".mailbox-contact")
    expect(contact).to_contain_text(WRITER)
    expect(contact).to_contain_text(EMAIL)
    expect(admin.get_by_role("link", name="ticket.pdf")).to_be_visible()
    # The script in the letter is text in the admin too.
    expect(admin.locator(".mailbox-admin-text").first).to_contain_text("<script>alert(1)</script>")
    admin.get_by_role("textbox", name="Reply").fill(REPLY)
    admin.get_by_role("button", name="Save and send for review").click()
    expect(admin.get_by_text("The reply was sent for review.")).to_be_visible()
    expect(
        admin.get_by_text("You wrote this reply, so a reviewer other than you must approve it.")
    ).to_be_visible()
    expect(admin.get_by_role("button", name="Approve and send to the writer")).to_have_count(0)
    support.screenshot(admin, "mailbox-admin-letter-1280", full_page=True)
    staff.close()

    # A reviewer (another person, another browser) approves it: the writer is told, and
    # the letter is replied.
    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    admin = staff.new_page()
    staff_dialogs += fail_on_dialogs(admin)
    sign_in(admin, portal, REVIEWER)
    open_letter(admin, portal, number)
    expect(admin.get_by_text("Contact details and attachments are shown only to the staff")).to_be_visible()
    expect(admin.locator("main")).not_to_contain_text(EMAIL)
    admin.get_by_role("button", name="Approve and send to the writer").click()
    expect(admin.get_by_text("The reply was approved and the writer was emailed.")).to_be_visible()
    expect(admin.locator("main")).to_contain_text("Status: Replied")
    staff.close()

    # The writer reads the reply with the number and code.
    phone.goto(portal.url + MAILBOX + "track/")
    phone.get_by_role("textbox", name="Tracking number").fill(number)
    phone.get_by_role("textbox", name="Query code").fill(code.replace("-", "").lower())
    phone.get_by_role("button", name="Show my letter").click()
    expect(phone.locator(".mailbox-status")).to_contain_text("Replied")
    expect(phone.locator(".mailbox-reply")).to_contain_text(REPLY)
    assert support.page_width(phone) <= 375
    support.screenshot(phone, "mailbox-track-result-375", full_page=True)
    assert_accessible(phone)
    writer.close()

    # Letters and replies: published, personal data gone, the script shown as text.
    page.goto(portal.url + MAILBOX + "letters/")
    article = page.locator(f"#letter-{number}")
    expect(article.get_by_role("heading", name=SUBJECT)).to_be_visible()
    expect(article).to_contain_text("<script>alert(1)</script>")
    expect(article).to_contain_text(REPLY)
    expect(article).to_contain_text("China")
    expect(page.locator("main")).not_to_contain_text(WRITER)
    expect(page.locator("main")).not_to_contain_text(EMAIL)
    support.screenshot(page, "mailbox-letters-1280", full_page=True)
    assert_accessible(page)

    page.goto(portal.url + MAILBOX + "letters/?q=" + "night buses railway")
    expect(page.locator(f"#letter-{number}")).to_be_visible()

    assert dialogs == [] and phone_dialogs == [] and staff_dialogs == []


# name: (address, a heading the page shows)
PUBLIC_PAGES = {
    "home": (MAILBOX, "Mailbox of Government"),
    "write": (MAILBOX + "write/", "Write a letter"),
    "track": (MAILBOX + "track/", "Track your letter"),
    "letters": (MAILBOX + "letters/", "Letters and replies"),
    "statistics": (MAILBOX + "statistics/", "Statistics"),
    "notice": (
        MAILBOX + "how-to-write-to-the-mailbox/",
        "[Sample] How to write to the Mailbox of Government",
    ),
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_mailbox_pages_have_no_wcag_violations(portal, page, phone_page, name):
    address, heading = PUBLIC_PAGES[name]
    for tab, width in ((page, 1280), (phone_page, 375)):
        dialogs = fail_on_dialogs(tab)
        response = tab.goto(portal.url + address)
        assert response.status == 200
        expect(tab.get_by_role("heading", level=1)).to_contain_text(heading)
        if width == 375:
            assert support.page_width(tab) <= 375
        support.screenshot(tab, f"mailbox-{name}-{width}", full_page=True)
        assert_accessible(tab)
        assert dialogs == []


def test_the_form_with_errors_keeps_what_was_typed_and_is_accessible(portal, page, phone_page):
    for tab, width in ((page, 1280), (phone_page, 375)):
        tab.goto(portal.url + MAILBOX + "write/")
        tab.get_by_role("textbox", name="Your name").fill(WRITER)
        tab.get_by_role("textbox", name="Subject").fill("Too short")
        tab.get_by_role("textbox", name="Your letter").fill("字" * 3001)
        tab.get_by_label("Attachments (optional)").set_input_files(
            {
                "name": "page.pdf",
                "mimeType": "application/pdf",
                "buffer": b"<html><body>not a pdf</body></html>",
            }
        )
        tab.get_by_role("button", name="Send the letter").click()
        summary = tab.locator(".error-summary")
        expect(summary).to_be_visible()
        for message in (
            "The subject must have at least 10 characters; it has 9.",
            "Your letter can have at most 3000 characters; it has 3001.",
            "Give an email address or a phone number (or both), so that we can answer you.",
            "Enter your country or region.",
            "Choose the type of your letter.",
            "Say whether we may publish your letter and our reply.",
            "“page.pdf” is not a PDF, JPEG or PNG file",
            "browsers never let a web page fill in file choices",
        ):
            expect(summary).to_contain_text(message)
        expect(tab.get_by_role("textbox", name="Your name")).to_have_value(WRITER)
        expect(tab.get_by_role("textbox", name="Subject")).to_have_value("Too short")
        expect(tab.get_by_role("textbox", name="Your letter")).to_have_value("字" * 3001)
        # The summary's links take the keyboard to the field.
        summary.get_by_role("link", name=re.compile("^The subject must have")).click()
        expect(tab.get_by_role("textbox", name="Subject")).to_be_focused()
        expect(tab.get_by_role("textbox", name="Subject")).to_have_attribute("aria-invalid", "true")
        if width == 375:
            assert support.page_width(tab) <= 375
        support.screenshot(tab, f"mailbox-write-errors-{width}", full_page=True)
        assert_accessible(tab)


def test_a_wrong_code_gets_a_clear_answer(portal, page):
    page.goto(portal.url + MAILBOX + "track/")
    page.get_by_role("textbox", name="Tracking number").fill("20240408-0001")
    page.get_by_role("textbox", name="Query code").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="Show my letter").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "No letter has this tracking number and query code."
    )
    expect(page.get_by_role("textbox", name="Tracking number")).to_have_value("20240408-0001")
    support.screenshot(page, "mailbox-track-wrong-1280", full_page=True)
    assert_accessible(page)

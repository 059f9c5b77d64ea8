"""The staff side in the Wagtail admin, used through the test client as staff use it:
who sees which letters and contact details (pages, attachments, CSV), the reply
workflow, transfers, notes, the audit trail, the dashboard panel and the mailbox menu's
tables."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cityportal.mailbox import access
from cityportal.mailbox.admin_views import export_rows
from cityportal.mailbox.models import (
    CalendarDay,
    EventAction,
    Letter,
    LetterEvent,
    ReplyState,
    RoutingRule,
    Status,
)
from cityportal.mailbox.tests.conftest import EDUCATION, make_user
from cityportal.mailbox.tests.files import make_pdf

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def detail_url(letter) -> str:
    return reverse("mailbox_admin:detail", args=[letter.pk])


def action_url(letter, action: str) -> str:
    return reverse("mailbox_admin:action", args=[letter.pk, action])


def export(client, start="2000-01-01", end="2100-01-01"):
    response = client.get(reverse("mailbox_admin:export"), {"date_from": start, "date_to": end})
    assert response.status_code == 200, response
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def status_of(client, url: str, method: str = "get", data=None) -> int:
    """The final status: a 404 inside the admin is redirected once to the address with
    the language prefix (LocaleMiddleware), which answers 404 in turn."""
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response["Location"] == "/en" + url:
        response = client.get(response["Location"])
    return response.status_code


def page_text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


# --- Who sees what ------------------------------------------------------------------------


def test_roles_directly(letter, mailbox_admin, reviewer, handler, other_staff, editor):
    assert access.may_see_contact(mailbox_admin, letter) and access.may_handle(mailbox_admin, letter)
    assert access.may_see_contact(handler, letter) and access.may_handle(handler, letter)
    assert not access.may_see_contact(reviewer, letter) and not access.may_handle(reviewer, letter)
    assert access.visible_letters(reviewer).filter(pk=letter.pk).exists()
    for outsider in (other_staff, editor):
        assert not access.visible_letters(outsider).filter(pk=letter.pk).exists()
        assert not access.may_see_contact(outsider, letter)
    assert not access.has_mailbox_access(editor)


def test_csv_rows_directly(letter):
    with_data = list(export_rows([letter], personal_data=True))
    without = list(export_rows([letter], personal_data=False))
    header, row = with_data
    assert "Name" in header and row[header.index("Email")] == "wei.zhang@example.org"
    header, row = without
    assert "Name" not in header and "Email" not in header
    assert not any("Wei Zhang" in cell or "555 0101" in cell for cell in row)
    assert row[header.index("Tracking number")] == letter.tracking_number


@pytest.mark.parametrize("role", ["mailbox_admin", "handler"])
def test_admin_and_holding_department_see_contact_details_and_attachments(client, letter, role, request):
    user = request.getfixturevalue(role)
    signed_in(client, user)
    listing = client.get(reverse("mailbox_admin:index"))
    assert letter.tracking_number in page_text(listing)
    response = client.get(detail_url(letter))
    assert response.status_code == 200
    text = page_text(response)
    assert "Wei Zhang" in text and "wei.zhang@example.org" in text and "+86 734 555 0101" in text
    attachment = letter.attachments.get()
    link = reverse("mailbox_admin:attachment", args=[letter.pk, attachment.pk])
    assert link in response.content.decode()
    download = client.get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == make_pdf()
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    actions = list(letter.events.filter(user=user).values_list("action", flat=True))
    assert EventAction.CONTACT_VIEWED in actions and EventAction.ATTACHMENT_DOWNLOADED in actions


def test_contact_views_are_recorded_once_per_quiet_period(client, letter, handler):
    signed_in(client, handler)
    client.get(detail_url(letter))
    client.get(detail_url(letter))
    assert letter.events.filter(action=EventAction.CONTACT_VIEWED, user=handler).count() == 1


def test_reviewers_see_the_letter_without_contact_details(client, letter, reviewer):
    signed_in(client, reviewer)
    response = client.get(detail_url(letter))
    assert response.status_code == 200
    text = page_text(response)
    assert letter.subject in text
    assert "Wei Zhang" not in response.content.decode().split('<h2 id="letter-heading"')[0]
    assert "wei.zhang@example.org" not in text.split(letter.subject)[0]
    assert "Contact details and attachments are shown only to the staff of the department" in text
    attachment = letter.attachments.get()
    assert status_of(client, reverse("mailbox_admin:attachment", args=[letter.pk, attachment.pk])) == 404
    assert not letter.events.filter(action=EventAction.CONTACT_VIEWED).exists()


@pytest.mark.parametrize("role", ["other_staff", "editor"])
def test_others_do_not_see_the_letter_at_all(client, letter, role, request):
    user = request.getfixturevalue(role)
    signed_in(client, user)
    attachment = letter.attachments.get()
    if role == "editor":
        # No mailbox role: every mailbox page sends them back to the dashboard.
        for url in (
            reverse("mailbox_admin:index"),
            detail_url(letter),
            reverse("mailbox_admin:attachment", args=[letter.pk, attachment.pk]),
            reverse("mailbox_admin:export") + "?date_from=2000-01-01&date_to=2100-01-01",
        ):
            response = client.get(url)
            assert response.status_code == 302 and response["Location"] == "/admin/", url
        assert client.post(action_url(letter, "note"), {"note-text": "x"}).status_code == 302
    else:
        assert letter.tracking_number not in page_text(client.get(reverse("mailbox_admin:index")))
        assert status_of(client, detail_url(letter)) == 404
        assert status_of(client, reverse("mailbox_admin:attachment", args=[letter.pk, attachment.pk])) == 404
        assert status_of(client, action_url(letter, "note"), "post", {"note-text": "x"}) == 404
        assert letter.tracking_number not in [row["Tracking number"] for row in export(client)]
    assert not letter.events.filter(user=user).exists()


def test_a_page_publisher_cannot_make_their_own_group_a_departments_staff(
    client, django_user_model, letter, foreign_affairs
):
    # Moderators may publish every page, department pages included, but have no mailbox
    # role: choosing the staff group would give them the department's letters with the
    # writers' contact details and attachments.
    moderators = Group.objects.get(name="Moderators")
    moderator = make_user(django_user_model, "moderator", moderators)
    staff_group = foreign_affairs.ensure_staff_group()
    signed_in(client, moderator)
    form = nested_form_data(
        {
            "title": foreign_affairs.title,
            "slug": foreign_affairs.slug,
            "functions": rich_text(foreign_affairs.functions),
            "leader": foreign_affairs.leader_id or "",
            "address": foreign_affairs.address,
            "phone": foreign_affairs.phone,
            "opening_hours": foreign_affairs.opening_hours,
            "website": foreign_affairs.website,
            "email": foreign_affairs.email,
            "staff_group": moderators.pk,
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
            "action-publish": "1",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[foreign_affairs.pk]), form)
    assert response.status_code == 302
    foreign_affairs.refresh_from_db()
    assert foreign_affairs.staff_group == staff_group
    moderator = django_user_model.objects.get(pk=moderator.pk)
    assert not access.may_see_contact(moderator, letter)
    assert status_of(client, detail_url(letter)) in (302, 404)


def test_anonymous_visitors_are_sent_to_the_login(client, letter):
    response = client.get(detail_url(letter))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# --- CSV export ---------------------------------------------------------------------------


def test_csv_export_with_personal_data_for_administrators_only(client, letter, mailbox_admin, handler):
    signed_in(client, mailbox_admin)
    rows = {row["Tracking number"]: row for row in export(client)}
    assert rows[letter.tracking_number]["Email"] == "wei.zhang@example.org"
    assert rows[letter.tracking_number]["Name"] == "Wei Zhang"
    client.logout()
    signed_in(client, handler)
    rows = {row["Tracking number"]: row for row in export(client)}
    row = rows[letter.tracking_number]
    assert "Email" not in row and "Name" not in row
    assert "Wei Zhang" not in row["Message"] and "555" not in row["Message"]
    # The handler's export holds only the letters of their department.
    assert {r["Department"] for r in rows.values()} == {"Foreign Affairs Office (Sample)"}
    exports = LetterEvent.objects.filter(action=EventAction.EXPORTED).order_by("pk")
    assert [(e.user, "without" in e.detail) for e in exports] == [(mailbox_admin, False), (handler, True)]


def test_csv_export_of_a_date_range(client, mailbox_admin):
    signed_in(client, mailbox_admin)
    rows = export(client, "2024-04-01", "2024-04-30")
    assert len(rows) == 4  # the demo's April letters
    assert all(row["Received"].startswith("2024-04") for row in rows)
    bad = client.get(reverse("mailbox_admin:export"), {"date_from": "2024-05-01", "date_to": "2024-04-01"})
    assert bad.status_code == 302


def test_csv_cells_cannot_run_as_formulas(client, mailbox_admin):
    from cityportal.mailbox.tests.conftest import receive

    received = receive(subject="=HYPERLINK(1) in a subject", name="@attacker")
    signed_in(client, mailbox_admin)
    row = {r["Tracking number"]: r for r in export(client)}[received.letter.tracking_number]
    assert row["Subject"].startswith("'=") and row["Name"] == "'@attacker"


# --- The reply workflow through the admin -------------------------------------------------


def test_draft_review_approve_and_tell_the_writer(client, letter, handler, reviewer, mailbox_url):
    signed_in(client, handler)
    response = client.post(
        action_url(letter, "reply"), {"reply-text": "Dear writer, open 9 to 5.", "for_review": "1"}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.reply_state, letter.reply_author) == (
        Status.IN_PROGRESS,
        ReplyState.AWAITING_REVIEW,
        handler,
    )
    page = page_text(client.get(detail_url(letter)))
    assert "You wrote this reply, so a reviewer other than you must approve it." in page
    assert "Approve and send to the writer" not in page
    # The handler cannot approve their own draft, even by posting the form.
    refused = client.post(action_url(letter, "review"), {"approve": "1"}, follow=True)
    assert "You wrote this reply, so someone else must approve it." in page_text(refused)
    letter.refresh_from_db()
    assert letter.reply_state == ReplyState.AWAITING_REVIEW and letter.replied_at is None
    client.logout()

    mail.outbox.clear()
    signed_in(client, reviewer)
    assert "Approve and send to the writer" in page_text(client.get(detail_url(letter)))
    assert client.post(action_url(letter, "review"), {"approve": "1"}).status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.reply_state, letter.reviewer) == (
        Status.REPLIED,
        ReplyState.APPROVED,
        reviewer,
    )
    assert letter.replied_at is not None and letter.published_at is not None
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["wei.zhang@example.org"]
    assert letter.tracking_number in notice.subject
    assert mailbox_url + "track/" in notice.body
    assert "open 9 to 5" not in notice.body  # the reply itself is read on the track page
    actions = list(letter.events.values_list("action", "user_name"))
    assert (EventAction.DRAFT_SAVED, "handler") in actions
    assert (EventAction.SUBMITTED, "handler") in actions
    assert (EventAction.APPROVED, "reviewer") in actions
    assert (EventAction.EMAIL_SENT, "") in actions


def test_a_handler_who_is_also_a_reviewer_cannot_approve_their_own_draft(client, letter, mailbox_admin):
    # Administrators may review; they still need someone else for their own draft.
    signed_in(client, mailbox_admin)
    client.post(action_url(letter, "reply"), {"reply-text": "My own reply", "for_review": "1"})
    page = page_text(client.get(detail_url(letter)))
    assert "You wrote this reply, so a reviewer other than you must approve it." in page
    assert "Approve and send to the writer" not in page
    response = client.post(action_url(letter, "review"), {"approve": "1"}, follow=True)
    assert "You wrote this reply, so someone else must approve it." in page_text(response)
    letter.refresh_from_db()
    assert letter.reply_state == ReplyState.AWAITING_REVIEW and letter.status != Status.REPLIED


def test_the_reviewer_sends_the_draft_back_with_a_comment(client, letter, handler, reviewer):
    signed_in(client, handler)
    client.post(action_url(letter, "reply"), {"reply-text": "Too short.", "for_review": "1"})
    client.logout()
    signed_in(client, reviewer)
    no_comment = client.post(action_url(letter, "review"), {"send_back": "1", "review-comment": " "})
    assert no_comment.status_code == 400
    assert "Say what should change, for the author." in page_text(no_comment)
    client.post(action_url(letter, "review"), {"send_back": "1", "review-comment": "Give the opening hours."})
    letter.refresh_from_db()
    assert letter.reply_state == ReplyState.RETURNED
    assert letter.review_comment == "Give the opening hours."
    client.logout()
    signed_in(client, handler)
    assert "Give the opening hours." in page_text(client.get(detail_url(letter)))


def test_transfer_with_a_reason_moves_the_letter_to_the_other_staff(
    client, letter, handler, other_staff, education
):
    signed_in(client, handler)
    empty_reason = client.post(action_url(letter, "transfer"), {"transfer-department": education.pk})
    assert empty_reason.status_code == 400
    client.post(
        action_url(letter, "transfer"), {"transfer-department": education.pk, "transfer-reason": "Schools"}
    )
    letter.refresh_from_db()
    assert (letter.department, letter.department_name, letter.status) == (
        education,
        EDUCATION,
        Status.ASSIGNED,
    )
    event = letter.events.get(action=EventAction.TRANSFERRED)
    assert event.user == handler and "Reason: Schools" in event.detail and EDUCATION in event.detail
    # The letter has left the handler's department...
    assert status_of(client, detail_url(letter)) == 404
    client.logout()
    # ...and reached the other one, contact details included.
    signed_in(client, other_staff)
    assert "wei.zhang@example.org" in page_text(client.get(detail_url(letter)))


def test_notes_start_and_close_are_in_the_audit_trail(client, letter, handler, reviewer):
    signed_in(client, handler)
    client.post(action_url(letter, "note"), {"note-text": "Called the visa office."})
    client.post(action_url(letter, "start"))
    letter.refresh_from_db()
    assert letter.status == Status.IN_PROGRESS
    # A handler cannot close a letter that has no reply.
    response = client.post(action_url(letter, "close"), {"close-reason": ""}, follow=True)
    assert "Only a mailbox administrator can close a letter that has no reply." in page_text(response)
    client.post(action_url(letter, "reply"), {"reply-text": "Answer", "for_review": "1"})
    client.logout()
    signed_in(client, reviewer)
    client.post(action_url(letter, "note"), {"note-text": "Checked by the reviewer."})
    client.post(action_url(letter, "review"), {"approve": "1"})
    client.logout()
    signed_in(client, handler)
    client.post(action_url(letter, "close"), {"close-reason": ""})
    letter.refresh_from_db()
    assert letter.status == Status.CLOSED and letter.closed_at is not None
    history = page_text(client.get(detail_url(letter)))
    for expected in (
        "Called the visa office.",
        "Checked by the reviewer.",
        "Assigned → In progress",
        "Closed",
    ):
        assert expected in history
    notes = letter.events.filter(action=EventAction.NOTE).values_list("user_name", "detail")
    assert list(notes) == [("handler", "Called the visa office."), ("reviewer", "Checked by the reviewer.")]


def test_an_administrator_closes_spam_with_a_reason_and_withdraws_a_publication(
    client, letter, mailbox_admin, handler, reviewer
):
    signed_in(client, mailbox_admin)
    client.post(action_url(letter, "close"), {"close-reason": ""})
    letter.refresh_from_db()
    assert letter.status != Status.CLOSED
    client.post(action_url(letter, "close"), {"close-reason": "Duplicate of an earlier letter"})
    letter.refresh_from_db()
    assert letter.status == Status.CLOSED
    published = Letter.objects.filter(published_at__isnull=False).first()
    client.post(action_url(published, "withdraw"), {"withdraw-reason": "A name in the text"})
    published.refresh_from_db()
    assert published.published_at is None
    assert published.events.filter(action=EventAction.WITHDRAWN, user=mailbox_admin).exists()


# --- Dashboard, list flags and the mailbox tables -------------------------------------------


def test_the_dashboard_panel_lists_overdue_letters(client, mailbox_admin, editor, other_staff):
    signed_in(client, mailbox_admin)
    response = client.get(reverse("wagtailadmin_home"))
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.find(id="mailbox-letters-due-section")
    assert panel is not None
    text = " ".join(panel.get_text(" ").split())
    # The demo's four open letters are long overdue.
    assert "4 letters overdue" in text
    assert "Overdue by" in text
    client.logout()
    signed_in(client, other_staff)
    panel = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser").find(
        id="mailbox-letters-due-section"
    )
    assert "1 letter overdue" in " ".join(panel.get_text(" ").split())  # Education's sample letter
    client.logout()
    signed_in(client, editor)
    assert (
        BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser").find(
            id="mailbox-letters-due-section"
        )
        is None
    )


def test_the_letter_list_flags_and_filters(client, mailbox_admin, letter):
    signed_in(client, mailbox_admin)
    overdue = page_text(client.get(reverse("mailbox_admin:index"), {"flag": "overdue"}))
    assert overdue.count("Overdue by") == 4
    assert letter.tracking_number not in overdue
    every = page_text(client.get(reverse("mailbox_admin:index"), {"status": "all"}))
    assert all(n in every for n in Letter.objects.values_list("tracking_number", flat=True))
    search = page_text(client.get(reverse("mailbox_admin:index"), {"q": letter.tracking_number}))
    assert letter.subject in search


def test_a_department_filter_that_cannot_be_an_id_is_ignored(client, mailbox_admin, letter):
    signed_in(client, mailbox_admin)
    for value in ("9" * 30, "x", "²"):
        response = client.get(reverse("mailbox_admin:index"), {"department": value, "status": "all"})
        assert response.status_code == 200
        assert letter.tracking_number in page_text(response)


def test_routing_table_and_calendar_are_for_mailbox_administrators(client, mailbox_admin, editor, reviewer):
    routing = reverse("mailbox_routing:index")
    calendar_add = reverse("mailbox_calendar:add")
    signed_in(client, mailbox_admin)
    assert client.get(routing).status_code == 200
    response = client.post(
        calendar_add, {"date": "2025-10-11", "kind": "workday", "name": "National Day make-up"}
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get(date="2025-10-11").kind == CalendarDay.WORKDAY
    weekday = client.post(calendar_add, {"date": "2025-10-13", "kind": "workday", "name": ""})
    assert weekday.status_code == 200 and not CalendarDay.objects.filter(date="2025-10-13").exists()
    rule = RoutingRule.objects.get(letter_type="complaint")
    edit = client.post(
        reverse("mailbox_routing:edit", args=[rule.pk]),
        {"letter_type": "complaint", "department": "", "working_days": "7"},
    )
    assert edit.status_code == 302
    rule.refresh_from_db()
    assert (rule.department, rule.working_days) == (None, 7)
    for outsider in (editor, reviewer):
        client.logout()
        signed_in(client, outsider)
        assert client.get(routing).status_code == 302
        assert client.post(calendar_add, {"date": "2025-10-12", "kind": "workday"}).status_code == 302
    assert not CalendarDay.objects.filter(date="2025-10-12").exists()


def test_the_mailbox_menu(client, mailbox_admin, reviewer, editor):
    signed_in(client, mailbox_admin)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ("Mailbox", "Letters", "Routing table", "Holiday calendar"):
        assert f'"{label}"' in home
    client.logout()
    signed_in(client, reviewer)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"Letters"' in home and '"Routing table"' not in home
    client.logout()
    signed_in(client, editor)
    assert '"mailbox"' not in client.get(reverse("wagtailadmin_home")).content.decode()

"""The case workflow without the admin pages: the rules hold whoever calls them."""

import pytest
from django.core.exceptions import PermissionDenied

from cityportal.mailbox import intake, workflow
from cityportal.mailbox.models import Attachment, DailySequence, Letter, ReplyState, Status
from cityportal.mailbox.tests.conftest import receive
from cityportal.mailbox.tests.files import make_pdf

pytestmark = pytest.mark.django_db


def test_a_handler_cannot_approve_their_own_draft(letter, handler, reviewer):
    letter = workflow.save_draft(letter, handler, "Reply", for_review=True)
    with pytest.raises(workflow.ActionRefused):
        workflow.approve(letter, handler)
    letter = workflow.save_draft(letter, handler, "Reply, edited", for_review=True)
    approved = workflow.approve(letter, reviewer)
    assert approved.reply_state == ReplyState.APPROVED and approved.status == Status.REPLIED


def test_whoever_last_wrote_the_reply_cannot_approve_it(letter, mailbox_admin, reviewer, django_user_model):
    from django.contrib.auth.models import Group

    from cityportal.mailbox.groups import REVIEWERS

    second_reviewer = django_user_model.objects.create_user("reviewer2")
    second_reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    # An administrator edits the draft: now the administrator may not approve it...
    letter = workflow.save_draft(letter, mailbox_admin, "Edited by the administrator", for_review=True)
    with pytest.raises(workflow.ActionRefused):
        workflow.approve(letter, mailbox_admin)
    # ...but a reviewer may.
    assert workflow.approve(letter, second_reviewer).reply_state == ReplyState.APPROVED


def test_only_reviewers_approve(letter, handler, other_staff):
    letter = workflow.save_draft(letter, handler, "Reply", for_review=True)
    with pytest.raises(PermissionDenied):
        workflow.approve(letter, other_staff)


def test_nothing_to_approve_before_a_draft_is_sent_for_review(letter, handler, reviewer):
    letter = workflow.save_draft(letter, handler, "Still drafting", for_review=False)
    with pytest.raises(workflow.ActionRefused):
        workflow.approve(letter, reviewer)


def test_approval_publishes_a_clean_copy_only_with_consent(handler, reviewer):
    consenting = receive(message="I am Wei Zhang, call +86 734 555 0101.").letter
    letter = workflow.approve(
        workflow.save_draft(consenting, handler, "Dear Wei Zhang, thank you.", for_review=True), reviewer
    )
    assert letter.published_at is not None
    assert "Zhang" not in letter.public_message + letter.public_reply and "555" not in letter.public_message
    refusing = receive(consent_to_publish=False).letter
    letter = workflow.approve(workflow.save_draft(refusing, handler, "Thanks", for_review=True), reviewer)
    assert letter.published_at is None and letter.public_message == ""


def test_staff_of_other_departments_cannot_act(letter, other_staff, reviewer, education):
    for action in (
        lambda u: workflow.save_draft(letter, u, "x", for_review=False),
        lambda u: workflow.transfer(letter, u, education, "why"),
        lambda u: workflow.close(letter, u, "why"),
        lambda u: workflow.add_note(letter, u, "x"),
    ):
        with pytest.raises(PermissionDenied):
            action(other_staff)
    # Reviewers may write notes but not draft replies.
    workflow.add_note(letter, reviewer, "Seen")
    with pytest.raises(PermissionDenied):
        workflow.save_draft(letter, reviewer, "x", for_review=False)


def test_a_letter_that_cannot_be_stored_leaves_nothing_behind(monkeypatch, private_attachments):
    """One transaction: the number, the letter, its attachments and its trail, or none."""
    before = (Letter.objects.count(), list(DailySequence.objects.values_list("day", "last")))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Attachment.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        receive(files=[("scan.pdf", make_pdf())])
    assert (Letter.objects.count(), list(DailySequence.objects.values_list("day", "last"))) == before
    # The file written before the transaction was removed again.
    assert not [p for p in private_attachments.rglob("*") if p.is_file()]


def test_attachments_are_stored_outside_the_public_media(letter, private_attachments, settings):
    attachment = letter.attachments.get()
    path = private_attachments / attachment.file.name
    assert path.read_bytes() == make_pdf()
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    # The stored name is random; the writer's name is only shown.
    assert "passport" not in attachment.file.name and attachment.original_name == "passport scan.pdf"


def test_received_letters_without_a_route_wait_unassigned(settings):
    from cityportal.mailbox.models import MailboxSettings, RoutingRule

    RoutingRule.objects.all().delete()
    mailbox_settings = MailboxSettings.load()
    mailbox_settings.default_department = None
    mailbox_settings.save()
    settings.CITYPORTAL_MAILBOX_DEADLINE_WORKING_DAYS = 7
    letter = receive().letter
    assert letter.status == Status.RECEIVED and letter.department is None
    assert intake.route_for("complaint").working_days == 7

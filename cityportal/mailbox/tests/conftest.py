"""Fixtures of the mailbox tests: the demo's mailbox page and departments, people in each
role, and letters received the way the public form stores them."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from cityportal.directory.models import DepartmentPage
from cityportal.mailbox import intake, uploads
from cityportal.mailbox.groups import ADMINISTRATORS, REVIEWERS, grant_department_access
from cityportal.mailbox.models import LetterType, MailboxPage
from cityportal.mailbox.tests.files import make_pdf

FOREIGN_AFFAIRS = "Foreign Affairs Office (Sample)"
EDUCATION = "Education Bureau (Sample)"
TRANSPORT = "Transport Bureau (Sample)"


@pytest.fixture(autouse=True)
def private_attachments(settings, tmp_path):
    """Attachments of each test go to its own directory."""
    settings.CITYPORTAL_MAILBOX_PRIVATE_ROOT = tmp_path / "private"
    return settings.CITYPORTAL_MAILBOX_PRIVATE_ROOT


@pytest.fixture
def mailbox_page(db) -> MailboxPage:
    return MailboxPage.objects.get(slug="mailbox-of-government")


@pytest.fixture
def mailbox_url(mailbox_page) -> str:
    return mailbox_page.url


def department(title: str) -> DepartmentPage:
    return DepartmentPage.objects.get(title=title, locale__language_code="en")


@pytest.fixture
def foreign_affairs(db) -> DepartmentPage:
    return department(FOREIGN_AFFAIRS)


@pytest.fixture
def education(db) -> DepartmentPage:
    return department(EDUCATION)


def make_user(django_user_model, username: str, *groups: Group, **fields):
    user = django_user_model.objects.create_user(
        username=username, password="pw-" + username, email=f"{username}@example.org", **fields
    )
    user.groups.add(*groups)
    return user


@pytest.fixture
def mailbox_admin(django_user_model):
    return make_user(django_user_model, "mailadmin", Group.objects.get(name=ADMINISTRATORS))


@pytest.fixture
def reviewer(django_user_model):
    return make_user(django_user_model, "reviewer", Group.objects.get(name=REVIEWERS))


@pytest.fixture
def handler(django_user_model, foreign_affairs):
    """Staff of the Foreign Affairs Office, which gets consultations in the demo."""
    group = foreign_affairs.ensure_staff_group()
    grant_department_access(group)
    return make_user(django_user_model, "handler", group)


@pytest.fixture
def other_staff(django_user_model, education):
    """Staff of another department (Education)."""
    group = education.ensure_staff_group()
    grant_department_access(group)
    return make_user(django_user_model, "otherstaff", group)


@pytest.fixture
def editor(django_user_model):
    """A page editor, with no mailbox role."""
    return make_user(django_user_model, "editor", Group.objects.get(name="Editors"))


def receive(**overrides) -> intake.Received:
    """A letter stored exactly as the public form stores it."""
    files = overrides.pop("files", [])
    data = {
        "letter_type": LetterType.CONSULTATION,
        "name": "Wei Zhang",
        "email": "wei.zhang@example.org",
        "phone": "+86 734 555 0101",
        "country": "China",
        "subject": "Opening hours of the visa office",
        "message": "When is the visa office open? My name is Wei Zhang, phone +86 734 555 0101.",
        "consent_to_publish": True,
        **overrides,
    }
    sniffed = []
    for name, content in files:
        upload = SimpleUploadedFile(name, content)
        sniffed.append((upload, uploads.sniff(upload)))
    return intake.receive_letter(intake.LetterData(**data, files=sniffed))


@pytest.fixture
def letter(db):
    """A consultation with a PDF attachment, routed to the Foreign Affairs Office."""
    return receive(files=[("passport scan.pdf", make_pdf())]).letter

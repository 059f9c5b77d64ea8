"""Forms of the mailbox: the public letter and track forms, and the staff forms of the
admin. Each invalid input gets its own message, in the visitor's language, and the
form shows again with everything typed (browsers never refill file choices, and the
message says so)."""

import re
from typing import TYPE_CHECKING

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from cityportal.core.submission_keys import new_key, read_key
from cityportal.mailbox import uploads
from cityportal.mailbox.models import LetterType

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from cityportal.directory.models import DepartmentPage

SUBJECT_MIN = 10
SUBJECT_MAX = 60
MESSAGE_MAX = 3000
NAME_MAX = 100
COUNTRY_MAX = 100
PHONE = re.compile(r"^\+?[0-9 ()\-./]{5,30}$")
_SPACES = re.compile(r"[ \t\u3000]+")


def _one_line(value: str) -> str:
    return " ".join((value or "").split())


def _text(value: str) -> str:
    """Multi-line text as typed, with Windows line ends made plain and ends trimmed."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def to_python(self, data):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]

    def validate(self, value):
        # Checked in LetterForm.clean_attachments, all together.
        pass

    def clean(self, data, initial=None):
        return self.to_python(data)


class LetterForm(forms.Form):
    """The letter a visitor writes."""

    name = forms.CharField(
        label=_("Your name"), max_length=NAME_MAX, error_messages={"required": _("Enter your name.")}
    )
    email = forms.CharField(
        label=_("Email address"),
        required=False,
        widget=forms.EmailInput,
        help_text=_("We send the tracking number and news of the reply here."),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        help_text=_("With the country code."),
    )
    country = forms.CharField(
        label=_("Country or region"),
        max_length=COUNTRY_MAX,
        error_messages={"required": _("Enter your country or region.")},
    )
    letter_type = forms.ChoiceField(
        label=_("Type of letter"),
        choices=LetterType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the type of your letter."),
            "invalid_choice": _("Choose one of the types of letter listed."),
        },
    )
    subject = forms.CharField(
        label=_("Subject"),
        help_text=_("%(min)d to %(max)d characters."),
        error_messages={"required": _("Enter a subject.")},
    )
    message = forms.CharField(
        label=_("Your letter"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Up to %(max)d characters."),
        error_messages={"required": _("Write your letter.")},
    )
    attachments = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
        help_text=_("Up to %(count)d files: PDF, JPEG or PNG, at most %(size)d MB each."),
    )
    consent = forms.ChoiceField(
        label=_("May we publish your letter and our reply?"),
        choices=[
            ("yes", _("Yes, publish them without my name, email address and phone number")),
            ("no", _("No, do not publish them")),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "Published letters appear under Letters and replies with your personal data removed. "
            "Either answer is fine: we reply to you in the same way."
        ),
        error_messages={
            "required": _("Say whether we may publish your letter and our reply."),
            "invalid_choice": _("Say whether we may publish your letter and our reply."),
        },
    )
    # The honeypot: hidden from people (and from screen readers); robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Numbers go into the help texts here, not at import, so that each form is
        # worded in the language of the request that shows it.
        subject, message = self.fields["subject"], self.fields["message"]
        subject.help_text = subject.help_text % {"min": SUBJECT_MIN, "max": SUBJECT_MAX}
        message.help_text = message.help_text % {"max": MESSAGE_MAX}
        self.fields["attachments"].help_text = self.fields["attachments"].help_text % {
            "count": uploads.max_files(),
            "size": uploads.max_bytes() // (1024 * 1024),
        }
        self.fields["attachments"].widget.attrs["accept"] = (
            ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        )
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["country"].widget.attrs["autocomplete"] = "country-name"
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")
        if not self.is_bound:
            self.initial.setdefault("submission_key", new_key())
        self.sniffed: list = []

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.is_bound and (self.data.get("website") or "").strip())

    def clean_name(self) -> str:
        return _one_line(self.cleaned_data["name"])

    def clean_email(self) -> str:
        email = (self.cleaned_data.get("email") or "").strip()
        if not email:
            return ""
        try:
            validate_email(email)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("“%(value)s” is not an email address like name@example.com."),
                code="invalid",
                params={"value": email[:80]},
            ) from None
        if len(email) > 254:
            raise forms.ValidationError(_("An email address has at most 254 characters."), code="max_length")
        return email

    def clean_phone(self) -> str:
        phone = _one_line(self.cleaned_data.get("phone") or "")
        if phone and (not PHONE.match(phone) or sum(c.isdigit() for c in phone) < 5):
            raise forms.ValidationError(
                _(
                    "“%(value)s” is not a phone number: use digits, spaces, + and dashes, "
                    "like +86 734 555 0101."
                ),
                code="invalid",
                params={"value": phone[:40]},
            )
        return phone

    def clean_country(self) -> str:
        return _one_line(self.cleaned_data["country"])

    def clean_subject(self) -> str:
        subject = _one_line(self.cleaned_data["subject"])
        length = len(subject)
        if length < SUBJECT_MIN:
            raise forms.ValidationError(
                _("The subject must have at least %(min)d characters; it has %(count)d."),
                code="min_length",
                params={"min": SUBJECT_MIN, "count": length},
            )
        if length > SUBJECT_MAX:
            raise forms.ValidationError(
                _("The subject can have at most %(max)d characters; it has %(count)d. Shorten it."),
                code="max_length",
                params={"max": SUBJECT_MAX, "count": length},
            )
        return subject

    def clean_message(self) -> str:
        message = _text(self.cleaned_data["message"])
        if not message:
            raise forms.ValidationError(_("Write your letter."), code="required")
        if len(message) > MESSAGE_MAX:
            raise forms.ValidationError(
                _(
                    "Your letter can have at most %(max)d characters; it has %(count)d. "
                    "Shorten it, or attach the rest as a PDF."
                ),
                code="max_length",
                params={"max": MESSAGE_MAX, "count": len(message)},
            )
        return message

    def clean_attachments(self) -> list:
        files = self.cleaned_data.get("attachments") or []
        limit = uploads.max_files()
        if len(files) > limit:
            raise forms.ValidationError(
                _("You can attach at most %(max)d files; you chose %(count)d."),
                code="too_many",
                params={"max": limit, "count": len(files)},
            )
        problems = []
        sniffed = []
        largest = uploads.max_bytes()
        for upload in files:
            name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:100]
            if upload.size > largest:
                problems.append(
                    forms.ValidationError(
                        _("“%(name)s” is %(size)s MB; each file can be at most %(max)d MB."),
                        code="too_big",
                        params={
                            "name": name,
                            "size": f"{upload.size / (1024 * 1024):.1f}",
                            "max": largest // (1024 * 1024),
                        },
                    )
                )
                continue
            if upload.size == 0:
                problems.append(
                    forms.ValidationError(_("“%(name)s” is empty."), code="empty", params={"name": name})
                )
                continue
            found = uploads.sniff(upload)
            if found is None:
                problems.append(
                    forms.ValidationError(
                        _(
                            "“%(name)s” is not a PDF, JPEG or PNG file (files are checked by their "
                            "content, not their name)."
                        ),
                        code="wrong_type",
                        params={"name": name},
                    )
                )
                continue
            sniffed.append((upload, found))
        if problems:
            raise forms.ValidationError(problems)
        self.sniffed = sniffed
        return files

    def clean_submission_key(self) -> str:
        # A key that does not look like ours is replaced rather than refused: the
        # writer cannot do anything about it.
        return read_key(self.cleaned_data.get("submission_key")) or new_key()

    def clean(self):
        cleaned = super().clean()
        no_contact_errors = not self.errors.get("email") and not self.errors.get("phone")
        if no_contact_errors and not cleaned.get("email") and not cleaned.get("phone"):
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Give an email address or a phone number (or both), so that we can answer you."),
                    code="no_contact",
                ),
            )
        return cleaned

    def lost_files(self) -> bool:
        """Whether the person chose files, which the form shown again cannot keep."""
        return bool(self.is_bound and self.files.getlist("attachments"))


class TrackForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("Tracking number"),
        max_length=30,
        help_text=_("Like 20240518-0007."),
        error_messages={"required": _("Enter the tracking number.")},
    )
    query_code = forms.CharField(
        label=_("Query code"),
        max_length=40,
        help_text=_("The 12 letters and digits you were given with the number."),
        error_messages={"required": _("Enter the query code.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tracking_number"].widget.attrs.update(autocomplete="off", spellcheck="false")
        self.fields["query_code"].widget.attrs.update(autocomplete="off", spellcheck="false")


# --- Staff forms (admin) ------------------------------------------------------------------


def department_choices() -> "QuerySet[DepartmentPage]":
    from cityportal.directory.models import DepartmentPage

    return DepartmentPage.objects.live().order_by("title")


class TransferForm(forms.Form):
    department = forms.ModelChoiceField(queryset=None, label=_("Department"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)

    def __init__(self, *args, exclude_pk=None, **kwargs):
        super().__init__(*args, **kwargs)
        departments = department_choices()
        if exclude_pk:
            departments = departments.exclude(pk=exclude_pk)
        self.fields["department"].queryset = departments


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 10}), max_length=10000)


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Required when you send the reply back."),
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Required to close a letter that has no reply."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class ExportForm(forms.Form):
    date_from = forms.DateField(label=_("Received from"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Received until"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return cleaned

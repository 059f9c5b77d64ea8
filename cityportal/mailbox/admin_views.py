"""Staff views of the mailbox in the Wagtail admin: the letter list (with deadline
flags and the CSV export), a letter's case page with its actions and audit trail, and
attachment downloads. Who sees what is decided in ``access.py``; every action goes
through ``workflow.py``, which writes the audit trail."""

import csv
from collections.abc import Iterator
from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cityportal.core.filters import parse_id
from cityportal.mailbox import access, audit, deadlines, emails, redaction, workflow
from cityportal.mailbox.forms import (
    CloseForm,
    ExportForm,
    NoteForm,
    ReplyForm,
    ReviewForm,
    TransferForm,
    WithdrawForm,
    department_choices,
)
from cityportal.mailbox.models import (
    OPEN_STATUSES,
    Attachment,
    EventAction,
    Letter,
    LetterType,
    ReplyState,
    Status,
    private_storage,
)
from cityportal.mailbox.workdays import WorkCalendar, city_date, city_tz, today

LETTERS_PER_PAGE = 50
# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class MailboxAccessMixin:
    """Only people with a mailbox role (administrator, reviewer, department staff)."""

    def dispatch(self, request, *args, **kwargs):
        if not access.has_mailbox_access(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


def _letter_for(request: HttpRequest, pk: int) -> Letter:
    """The letter if the user may see it; otherwise "not found", so that people without
    access cannot even tell that a letter exists."""
    letter = access.visible_letters(request.user).filter(pk=pk).select_related("department").first()
    if letter is None:
        raise Http404
    return letter


# --- The letter list ----------------------------------------------------------------------

STATUS_FILTERS = [("open", gettext_lazy("Open")), ("all", gettext_lazy("All")), *Status.choices]
FLAG_FILTERS = [
    ("", gettext_lazy("Any deadline")),
    (deadlines.OVERDUE, gettext_lazy("Overdue")),
    (deadlines.DUE_SOON, gettext_lazy("Due soon")),
]


class LetterIndexView(MailboxAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "mailbox/admin/letter_index.html"
    page_title = gettext_lazy("Letters")
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("Mailbox: letters")}]

    def read_filters(self) -> dict:
        params = self.request.GET
        status = params.get("status", "open")
        if status not in dict(STATUS_FILTERS):
            status = "open"
        flag = params.get("flag", "")
        if flag not in dict(FLAG_FILTERS):
            flag = ""
        letter_type = params.get("type", "")
        if letter_type not in LetterType.values:
            letter_type = ""
        return {
            "status": status,
            "flag": flag,
            "type": letter_type,
            # Digits only, and few enough to be a database id: a longer number would
            # overflow the query (a server error) rather than match nothing.
            "department": parse_id(params.get("department", "")),
            "q": " ".join(params.get("q", "").split())[:100],
        }

    def get_queryset(self, filters: dict):
        letters = access.visible_letters(self.request.user).select_related("department")
        if filters["status"] == "open":
            letters = letters.filter(status__in=OPEN_STATUSES)
        elif filters["status"] != "all":
            letters = letters.filter(status=filters["status"])
        if filters["flag"] == deadlines.OVERDUE:
            letters = deadlines.overdue(letters)
        elif filters["flag"] == deadlines.DUE_SOON:
            letters = deadlines.due_soon(letters)
        if filters["type"]:
            letters = letters.filter(letter_type=filters["type"])
        if filters["department"]:
            letters = letters.filter(department_id=filters["department"])
        if filters["q"]:
            letters = letters.filter(
                Q(tracking_number__icontains=filters["q"]) | Q(subject__icontains=filters["q"])
            )
        return letters.order_by("due_date", "received_at") if filters["status"] == "open" else letters

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.read_filters()
        paginator = Paginator(self.get_queryset(filters), LETTERS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        on = today()
        letters = list(page.object_list)
        oldest = min((letter.due_date for letter in letters), default=on)
        calendar = WorkCalendar.since(oldest, on)
        rows = [(letter, deadlines.flag_for(letter, calendar, on)) for letter in letters]
        user = self.request.user
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            rows=rows,
            page_obj=page,
            filters=filters,
            status_filters=STATUS_FILTERS,
            flag_filters=FLAG_FILTERS,
            letter_types=LetterType.choices,
            departments=department_choices()
            if (access.is_mailbox_admin(user) or access.is_reviewer(user))
            else [],
            query_string=query.urlencode(),
            export_form=ExportForm(
                initial={"date_from": on.replace(day=1), "date_to": on},
            ),
            exports_personal_data=access.may_export_personal_data(user),
            is_mailbox_admin=access.is_mailbox_admin(user),
        )
        return context


# --- One letter ---------------------------------------------------------------------------


class LetterDetailView(MailboxAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "mailbox/admin/letter_detail.html"
    header_icon = "mail"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.forms: dict = {}

    def get_page_title(self):
        return _("Letter %(number)s") % {"number": self.letter.tracking_number}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("mailbox_admin:index"), "label": _("Mailbox: letters")},
            {"url": "", "label": self.letter.tracking_number},
        ]

    def get(self, request, *args, **kwargs):
        self.letter = _letter_for(request, kwargs["pk"])
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        letter, user = self.letter, self.request.user
        may_handle = access.may_handle(user, letter)
        show_contact = access.may_see_contact(user, letter) and letter.has_personal_data
        if show_contact:
            audit.log_contact_view(letter, user)
        on = today()
        calendar = WorkCalendar.since(letter.due_date, on)
        editable_reply = may_handle and letter.is_open
        context.update(
            letter=letter,
            flag=deadlines.flag_for(letter, calendar, on),
            show_contact=show_contact,
            may_see_contact=access.may_see_contact(user, letter),
            attachments=list(letter.attachments.all()) if show_contact else [],
            attachment_count=letter.attachments.count(),
            events=letter.events.select_related("user").order_by("at", "pk"),
            may_handle=may_handle,
            may_start=may_handle and letter.status in (Status.RECEIVED, Status.ASSIGNED),
            may_review=access.may_review(user, letter),
            own_draft=letter.reply_state == ReplyState.AWAITING_REVIEW and letter.reply_author_id == user.pk,
            is_mailbox_admin=access.is_mailbox_admin(user),
            editable_reply=editable_reply,
            may_close=may_handle
            and letter.status != Status.CLOSED
            and (letter.status == Status.REPLIED or access.is_mailbox_admin(user)),
            transfer_form=self.forms.get("transfer")
            or TransferForm(exclude_pk=letter.department_id, prefix="transfer"),
            note_form=self.forms.get("note") or NoteForm(prefix="note"),
            reply_form=self.forms.get("reply")
            or ReplyForm(prefix="reply", initial={"text": letter.reply_text}),
            review_form=self.forms.get("review") or ReviewForm(prefix="review"),
            close_form=self.forms.get("close") or CloseForm(prefix="close"),
            withdraw_form=self.forms.get("withdraw") or WithdrawForm(prefix="withdraw"),
            preview=workflow.public_copy(letter) if letter.consent_to_publish and letter.reply_text else None,
            ReplyState=ReplyState,
            Status=Status,
        )
        return context


class LetterActionView(LetterDetailView):
    """The forms of the case page post here, one address per action."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.letter = _letter_for(request, kwargs["pk"])
        action = kwargs["action"]
        handler = getattr(self, f"do_{action}", None)
        if handler is None:
            raise Http404
        try:
            done = handler(request)
        except PermissionDenied:
            return permission_denied(request)
        except workflow.ActionRefused as refused:
            messages.error(request, " ".join(refused.messages))
            return redirect("mailbox_admin:detail", self.letter.pk)
        if done:
            return redirect("mailbox_admin:detail", self.letter.pk)
        # A form with errors: the case page again, the form showing what was typed.
        self.letter.refresh_from_db()
        response = self.render_to_response(self.get_context_data())
        response.status_code = 400
        return response

    def _form(self, name, form_class, **kwargs):
        form = form_class(self.request.POST, prefix=name, **kwargs)
        self.forms[name] = form
        return form

    def do_transfer(self, request) -> bool:
        form = self._form("transfer", TransferForm, exclude_pk=self.letter.department_id)
        if not form.is_valid():
            return False
        department = form.cleaned_data["department"]
        workflow.transfer(self.letter, request.user, department, form.cleaned_data["reason"])
        # Its staff need a group that may sign in to the admin to see the letter.
        from cityportal.mailbox.groups import grant_department_access

        grant_department_access(department.ensure_staff_group(user=request.user))
        messages.success(request, _("The letter was transferred to %(name)s.") % {"name": department.title})
        return True

    def do_note(self, request) -> bool:
        form = self._form("note", NoteForm)
        if not form.is_valid():
            return False
        workflow.add_note(self.letter, request.user, form.cleaned_data["text"])
        messages.success(request, _("Note added."))
        return True

    def do_start(self, request) -> bool:
        workflow.start(self.letter, request.user)
        messages.success(request, _("The letter is now in progress."))
        return True

    def do_reply(self, request) -> bool:
        form = self._form("reply", ReplyForm)
        if not form.is_valid():
            return False
        for_review = "for_review" in request.POST
        workflow.save_draft(self.letter, request.user, form.cleaned_data["text"], for_review=for_review)
        messages.success(
            request, _("The reply was sent for review.") if for_review else _("The draft reply was saved.")
        )
        return True

    def do_review(self, request) -> bool:
        form = self._form("review", ReviewForm)
        if not form.is_valid():
            return False
        if "send_back" in request.POST:
            comment = form.cleaned_data["comment"].strip()
            if not comment:
                form.add_error("comment", _("Say what should change, for the author."))
                return False
            workflow.send_back(self.letter, request.user, comment)
            messages.success(request, _("The reply was sent back to its author."))
            return True
        letter = workflow.approve(self.letter, request.user)
        if letter.email:
            if emails.send_reply_notice(letter, emails.track_url_for(letter, request)):
                messages.success(request, _("The reply was approved and the writer was emailed."))
            else:
                messages.warning(
                    request, _("The reply was approved, but the email to the writer could not be sent.")
                )
        else:
            messages.warning(
                request,
                _("The reply was approved. The writer gave no email address: tell them by phone."),
            )
        return True

    def do_close(self, request) -> bool:
        form = self._form("close", CloseForm)
        if not form.is_valid():
            return False
        workflow.close(self.letter, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The letter was closed."))
        return True

    def do_withdraw(self, request) -> bool:
        form = self._form("withdraw", WithdrawForm)
        if not form.is_valid():
            return False
        workflow.withdraw(self.letter, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The letter was taken off Letters and replies."))
        return True


class AttachmentView(MailboxAccessMixin, View):
    """Sends an attachment as a download, to those who may see contact details."""

    def get(self, request, pk: int, attachment_pk: int):
        letter = _letter_for(request, pk)
        if not access.may_see_contact(request.user, letter):
            raise Http404
        attachment = get_object_or_404(Attachment, pk=attachment_pk, letter=letter)
        storage = private_storage()
        if not attachment.file or not storage.exists(attachment.file.name):
            raise Http404
        audit.log(letter, EventAction.ATTACHMENT_DOWNLOADED, request.user, attachment.original_name)
        response = FileResponse(
            storage.open(attachment.file.name, "rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response


# --- CSV export ---------------------------------------------------------------------------


def spreadsheet_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _local(moment: datetime | None) -> str:
    return timezone.localtime(moment, city_tz()).strftime("%Y-%m-%d %H:%M") if moment else ""


def export_rows(letters, *, personal_data: bool) -> Iterator[list[str]]:
    header = [
        _("Tracking number"),
        _("Received"),
        _("Type"),
        _("Status"),
        _("Department"),
        _("Reply due"),
        _("Replied"),
        _("Replied on time"),
        _("Working days to reply"),
        _("Closed"),
        _("Country or region"),
        _("Subject"),
        _("Message"),
        _("Consents to publication"),
        _("Published"),
    ]
    if personal_data:
        header += [_("Name"), _("Email"), _("Phone"), _("Attachments")]
    yield header
    letters = list(letters)
    on = today()
    calendar = WorkCalendar.since(min((city_date(letter.received_at) for letter in letters), default=on), on)
    for letter in letters:
        replied_day = city_date(letter.replied_at) if letter.replied_at else None
        contact = {"name": letter.name, "email": letter.email, "phone": letter.phone}
        subject = letter.subject if personal_data else redaction.redact(letter.subject, **contact)
        message = letter.message if personal_data else redaction.redact(letter.message, **contact)
        row = [
            letter.tracking_number,
            _local(letter.received_at),
            letter.get_letter_type_display(),
            letter.get_status_display(),
            letter.department_name,
            letter.due_date.isoformat(),
            _local(letter.replied_at),
            (_("yes") if replied_day <= letter.due_date else _("no")) if replied_day else "",
            str(calendar.working_days_between(city_date(letter.received_at), replied_day))
            if replied_day
            else "",
            _local(letter.closed_at),
            letter.country,
            subject,
            message,
            _("yes") if letter.consent_to_publish else _("no"),
            _local(letter.published_at),
        ]
        if personal_data:
            row += [letter.name, letter.email, letter.phone, str(len(letter.attachments.all()))]
        yield [spreadsheet_safe(cell) for cell in row]


class ExportView(MailboxAccessMixin, View):
    """The letters received in a date range (city time) that the user may see, as CSV.
    Name, email, phone and the unredacted text only for mailbox administrators. Every
    export is written to the audit trail."""

    def get(self, request):
        form = ExportForm(request.GET)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, _("Export: %(error)s") % {"error": error})
            return redirect("mailbox_admin:index")
        start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        zone = city_tz()
        letters = (
            access.visible_letters(request.user)
            .filter(
                received_at__gte=datetime.combine(start, time.min, tzinfo=zone),
                received_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
            )
            .order_by("received_at", "pk")
            .prefetch_related("attachments")
        )
        personal_data = access.may_export_personal_data(request.user)
        letters = list(letters)
        audit.log(
            None,
            EventAction.EXPORTED,
            request.user,
            (
                _("Letters received %(start)s to %(end)s: %(count)d, with personal data.")
                if personal_data
                else _("Letters received %(start)s to %(end)s: %(count)d, without personal data.")
            )
            % {"start": start.isoformat(), "end": end.isoformat(), "count": len(letters)},
        )
        writer = csv.writer(_Echo())
        # A byte order mark, so that spreadsheet programs read the file as UTF-8 (Chinese).
        rows = (writer.writerow(row) for row in export_rows(letters, personal_data=personal_data))
        response = StreamingHttpResponse(
            _with_bom(rows),
            content_type="text/csv; charset=utf-8",
            headers={"Cache-Control": "private, no-store"},
        )
        response["Content-Disposition"] = f'attachment; filename="letters-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
        return response


def _with_bom(rows: Iterator[str]) -> Iterator[str]:
    yield "\ufeff"
    yield from rows

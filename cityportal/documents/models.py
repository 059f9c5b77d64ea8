"""Official documents (laws, plans, policies, forms) with their attachments, and document libraries."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.documents.models import AbstractDocument
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageQuerySet
from wagtail.search import index

from cityportal.core.blocks import BodyBlock, stream_plain_text
from cityportal.core.models import PortalPage
from cityportal.documents.downloads import attachment_disposition
from cityportal.documents.formats import check_file_content, format_for
from cityportal.news.models import ChannelPage

_YEAR = re.compile(r"[0-9]{4}")


class PortalDocument(AbstractDocument):
    """An uploaded file (attachments of documents and forms, files linked from text).
    Editors upload them under Documents; the portal checks that each file's contents
    are what its extension says before accepting it, and always serves it as a download."""

    admin_form_fields = ("title", "file", "collection", "tags")

    class Meta(AbstractDocument.Meta):
        permissions = [("choose_document", "Can choose document")]

    def clean(self):
        super().clean()  # the extension is one of WAGTAILDOCS_EXTENSIONS
        # A new upload is checked by its bytes; a stored file was checked when it came.
        if self.file and not getattr(self.file, "_committed", True):
            try:
                check_file_content(self.file, self.file.name)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error

    @property
    def content_type(self) -> str:
        fmt = format_for(self.filename)
        return fmt.content_type if fmt else "application/octet-stream"

    @property
    def content_disposition(self) -> str:
        # Every document is a download: visitors click "Download", and a PDF shown by
        # the browser inside the site's origin gains nothing over a saved file.
        return attachment_disposition(self.filename)

    @property
    def format_label(self) -> str:
        fmt = format_for(self.filename)
        return str(fmt.label) if fmt else self.file_extension.upper()


class DocumentLibraryPage(ChannelPage):
    """A channel of official documents (laws and regulations, plans, policies, forms for
    download). Visitors filter its documents by issuing body, year and status and sort
    them by issue date; editors add document pages under it."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    SORT_NEWEST = "newest"
    SORT_OLDEST = "oldest"

    content_panels = PortalPage.content_panels + [
        FieldPanel("chinese_name"),
        FieldPanel("introduction"),
    ]
    subpage_types = ["documents.DocumentPage"]

    class Meta:
        verbose_name = _("document library")

    def documents(self) -> PageQuerySet:
        return DocumentPage.objects.live().public().child_of(self)

    def issuers(self) -> list[str]:
        return list(
            self.documents().order_by("issuing_body").values_list("issuing_body", flat=True).distinct()
        )

    def years(self) -> list[int]:
        return [d.year for d in self.documents().dates("issue_date", "year", order="DESC")]

    def status_choices(self) -> list[tuple[str, str]]:
        return DocumentPage.STATUS_CHOICES

    def read_filters(self, request: HttpRequest | None) -> tuple[dict, list[str]]:
        """The filters and sort order a visitor chose, and a message for each value that
        made no sense (that value is then not used). Read once per request."""
        if request is None:
            return {}, []
        cached = getattr(request, "_document_filters", None)
        if cached is not None and cached[0] == self.pk:
            return cached[1], cached[2]
        filters: dict = {}
        problems: list[str] = []
        issuer = request.GET.get("issuer", "").strip()
        if issuer:
            if issuer in self.issuers():
                filters["issuer"] = issuer
            else:
                problems.append(
                    gettext("No document here was issued by “%(value)s”, so that filter was not used.")
                    % {"value": issuer[:60]}
                )
        year = request.GET.get("year", "").strip()
        if year:
            if _YEAR.fullmatch(year) and int(year) >= 1:
                filters["year"] = int(year)
            else:
                problems.append(
                    gettext("“%(value)s” is not a year like 2024, so it was not used.") % {"value": year[:30]}
                )
        status = request.GET.get("status", "").strip()
        if status:
            if status in dict(DocumentPage.STATUS_CHOICES):
                filters["status"] = status
            else:
                problems.append(
                    gettext("“%(value)s” is not a document status, so it was not used.")
                    % {"value": status[:30]}
                )
        sort = request.GET.get("sort", "").strip()
        if sort in ("", self.SORT_NEWEST, self.SORT_OLDEST):
            filters["sort"] = sort or self.SORT_NEWEST
        else:
            filters["sort"] = self.SORT_NEWEST
            problems.append(
                gettext("“%(value)s” is not a sort order, so the newest documents are shown first.")
                % {"value": sort[:30]}
            )
        request._document_filters = (self.pk, filters, problems)
        return filters, problems

    def get_listing(self, request: HttpRequest | None = None) -> PageQuerySet:
        filters, _problems = self.read_filters(request)
        documents = self.documents()
        if "issuer" in filters:
            documents = documents.filter(issuing_body=filters["issuer"])
        if "year" in filters:
            documents = documents.filter(issue_date__year=filters["year"])
        if "status" in filters:
            documents = documents.filter(status=filters["status"])
        if filters.get("sort") == self.SORT_OLDEST:
            return documents.order_by("issue_date", "first_published_at", "pk")
        return documents.order_by("-issue_date", "-first_published_at", "-pk")

    def listing_context(self, request, number=None) -> dict:
        context = super().listing_context(request, number)
        filters, problems = self.read_filters(request)
        chosen = {key: value for key, value in filters.items() if key != "sort"}
        context.update(
            filters=filters,
            filtered=bool(chosen) or filters.get("sort") != self.SORT_NEWEST,
            filter_problems=problems,
            query_string=request.GET.urlencode(),
        )
        return context


class DocumentPage(PortalPage):
    """An official document (a regulation, plan, policy or a form for download): its
    number, issuing body, dates, status (in force, amended, repealed, with a link to what
    replaced it), full text and attached files."""

    listed_as_item = True

    IN_FORCE = "in_force"
    AMENDED = "amended"
    REPEALED = "repealed"
    STATUS_CHOICES = [
        (IN_FORCE, _("In force")),
        (AMENDED, _("Amended")),
        (REPEALED, _("Repealed")),
    ]

    document_number = models.CharField(
        _("document number"),
        max_length=100,
        blank=True,
        help_text=_("The number printed on the document, e.g. Heng Zheng Fa [2024] No. 3."),
    )
    issuing_body = models.CharField(
        _("issuing body"),
        max_length=200,
        help_text=_("Who issued it. Use the same wording for every document of the same body."),
    )
    # Nullable so that a draft can be saved before the date is known; publishing needs it.
    issue_date = models.DateField(_("issue date"), null=True, blank=False)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=IN_FORCE)
    replaced_by = models.ForeignKey(
        "documents.DocumentPage",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text=_("For an amended or repealed document: the document that amended or replaced it."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences for listings, feeds and search results."),
    )
    full_text = StreamField(BodyBlock(), verbose_name=_("full text"), blank=True)

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("document_number"),
                FieldPanel("issuing_body"),
                FieldPanel("issue_date"),
                FieldPanel("effective_date"),
            ],
            heading=_("Identification"),
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("replaced_by")], heading=_("Status")),
        FieldPanel("summary"),
        FieldPanel("full_text"),
        InlinePanel("attachments", heading=_("Attachments"), label=_("Attachment")),
    ]
    search_fields = PortalPage.search_fields + [
        index.FilterField("status"),
        index.FilterField("issue_date"),
    ]
    parent_page_types = ["documents.DocumentLibraryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("document")
        indexes = [models.Index(fields=["issue_date"], name="documents_issue_date")]

    def clean(self):
        super().clean()
        errors = {}
        if self.replaced_by_id and self.pk and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("A document cannot replace itself.")
        elif self.replaced_by_id and self.status == self.IN_FORCE:
            errors["replaced_by"] = _(
                "A document in force has not been replaced: set its status to amended or "
                "repealed, or clear this field."
            )
        if errors:
            raise ValidationError(errors)

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [
            self.document_number,
            self.issuing_body,
            self.summary,
            stream_plain_text(self.full_text),
        ]

    def listing_summary(self) -> str:
        if self.summary:
            return self.summary
        return Truncator(strip_tags(stream_plain_text(self.full_text))).words(40)

    @property
    def is_in_force(self) -> bool:
        return self.status == self.IN_FORCE

    def replacement(self) -> "DocumentPage | None":
        """What replaced this document, if that page is published."""
        if not self.replaced_by_id:
            return None
        replacement = self.replaced_by
        return replacement if replacement.live else None

    def replaced_documents(self) -> PageQuerySet:
        return self.replaces.live().public().order_by("-issue_date", "-pk")

    def attached_files(self) -> list["DocumentAttachment"]:
        return [a for a in self.attachments.all() if a.document_id]

    def used_by_guides(self) -> PageQuerySet:
        """The published service guides that list this document among their forms. The
        link is kept by the services app (``services.GuideRelatedForm``, reverse name
        ``guide_links``); documents does not import services."""
        links = getattr(self, "guide_links", None)
        if links is None or not self.pk:
            return Page.objects.none()
        return (
            Page.objects.live().public().filter(pk__in=links.values("guide_id")).order_by("title").specific()
        )

    def structured_data(self, request) -> dict:
        data = {
            "@context": "https://schema.org",
            "@type": "DigitalDocument",
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "identifier": self.document_number,
            "author": {"@type": "GovernmentOrganization", "name": self.issuing_body},
            "datePublished": self.issue_date.isoformat() if self.issue_date else None,
            "description": self.listing_summary(),
        }
        return {k: v for k, v in data.items() if v not in (None, "")}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = self.structured_data(request)
        return context


class DocumentAttachment(Orderable):
    """A file attached to a document page, e.g. the signed PDF and an editable DOCX."""

    page = ParentalKey(DocumentPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        help_text=_("What this file is, e.g. “Editable form”. Leave blank to use the file's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")

    def display_label(self) -> str:
        return self.label or self.document.title

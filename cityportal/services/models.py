"""Service guides for residents and foreigners, with the elements every guide must have."""

import calendar
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageQuerySet
from wagtail.search import index

from cityportal.core.models import PortalPage
from cityportal.core.text import join_list
from cityportal.news.models import ChannelPage
from cityportal.services.forms import ServiceGuidePageForm

RICH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
REQUIRED_HELP = _("Required before the guide can be published.")


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day when that
    month is shorter: 12 months before 2025-02-28 is 2024-02-28, before 2024-02-29 is
    2023-02-28)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_period_months() -> int:
    return int(getattr(settings, "CITYPORTAL_GUIDE_REVIEW_MONTHS", 12))


class MaterialBlock(blocks.StructBlock):
    """One item to bring, with an optional note (copies, originals, translations)."""

    name = blocks.CharBlock(label=_("Item"), max_length=300)
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        label = _("Material")


class StepBlock(blocks.StructBlock):
    """One step of the procedure; steps are shown numbered in their order."""

    title = blocks.CharBlock(label=_("Step"), max_length=200)
    details = blocks.TextBlock(label=_("Details"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class GuideChannelPage(ChannelPage):
    """A channel of service guides (Naturalization, Entry & Exit, Service Guide...):
    lists its guides, each with whom it is for. Editors add service guides under it."""

    # A subclass rather than a plain ChannelPage: editors can add only guides here (and
    # guides only here), the listing shows whom each guide is for, and menus, section
    # pages, feeds and reports still treat it as a channel.

    content_panels = PortalPage.content_panels + [
        FieldPanel("chinese_name"),
        FieldPanel("introduction"),
    ]
    subpage_types = ["services.ServiceGuidePage"]

    class Meta:
        verbose_name = _("service guide channel")


class ServiceGuidePage(PortalPage):
    """A service guide: how to get one public service done (apply for nationality,
    register a marriage, get a residence permit...). Every element a visitor needs has
    its own field, and a guide cannot be published while one is missing."""

    listed_as_item = True

    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences for listings, feeds and search results."),
    )
    audience = models.TextField(_("who it is for"), blank=True, help_text=REQUIRED_HELP)
    conditions = RichTextField(_("conditions"), blank=True, features=RICH_FEATURES, help_text=REQUIRED_HELP)
    materials = StreamField(
        [("material", MaterialBlock())],
        verbose_name=_("materials to bring"),
        blank=True,
        help_text=REQUIRED_HELP,
    )
    procedure = StreamField(
        [("step", StepBlock())],
        verbose_name=_("procedure"),
        blank=True,
        help_text=_("The steps in order; they are numbered for visitors. Required before publishing."),
    )
    fees = models.TextField(
        _("fees"), blank=True, help_text=_("Write “Free of charge” if there is no fee. Required.")
    )
    time_limit = models.CharField(
        _("processing time limit"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “15 working days after the application is accepted”. Required."),
    )
    legal_basis = RichTextField(_("legal basis"), blank=True, features=RICH_FEATURES, help_text=REQUIRED_HELP)
    office = models.CharField(_("office"), max_length=200, blank=True, help_text=REQUIRED_HELP)
    address = models.CharField(_("address"), max_length=300, blank=True, help_text=REQUIRED_HELP)
    opening_hours = models.TextField(_("opening hours"), blank=True, help_text=REQUIRED_HELP)
    phone = models.CharField(_("phone"), max_length=100, blank=True, help_text=REQUIRED_HELP)
    online_link = models.URLField(
        _("online service link"),
        blank=True,
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Where to apply online. Required unless “not available online” is ticked."),
    )
    no_online_service = models.BooleanField(
        _("not available online"),
        default=False,
        help_text=_("Tick if this service can only be applied for in person."),
    )
    no_forms_needed = models.BooleanField(
        _("no forms needed"),
        default=False,
        help_text=_("Tick if this service needs no form; otherwise add its forms above."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When someone last checked this guide against the current rules. Required."),
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("conditions"),
        FieldPanel("materials"),
        FieldPanel("procedure"),
        MultiFieldPanel([FieldPanel("fees"), FieldPanel("time_limit")], heading=_("Fees and time limit")),
        FieldPanel("legal_basis"),
        MultiFieldPanel(
            [FieldPanel("office"), FieldPanel("address"), FieldPanel("opening_hours"), FieldPanel("phone")],
            heading=_("Where to go"),
        ),
        MultiFieldPanel([FieldPanel("online_link"), FieldPanel("no_online_service")], heading=_("Online")),
        MultiFieldPanel(
            [
                InlinePanel("related_forms", label=_("Related form")),
                FieldPanel("no_forms_needed"),
            ],
            heading=_("Related forms"),
        ),
        FieldPanel("last_reviewed"),
    ]
    search_fields = PortalPage.search_fields + [index.FilterField("last_reviewed")]
    parent_page_types = ["services.GuideChannelPage"]
    subpage_types: list[str] = []
    base_form_class = ServiceGuidePageForm

    # The elements a published guide must have, in the order the page shows them.
    # "online_link" and "related_forms" can instead be declared absent (the tick boxes).
    REQUIRED_ELEMENTS = (
        "audience",
        "conditions",
        "materials",
        "procedure",
        "fees",
        "time_limit",
        "legal_basis",
        "office",
        "address",
        "opening_hours",
        "phone",
        "online_link",
        "related_forms",
        "last_reviewed",
    )

    class Meta:
        verbose_name = _("service guide")

    @classmethod
    def element_label(cls, name: str) -> str:
        if name == "related_forms":
            return gettext("Related forms")
        return str(capfirst(cls._meta.get_field(name).verbose_name))

    @classmethod
    def missing_in(cls, values: dict, related_form_count: int) -> list[str]:
        """The required elements (field names) that ``values`` leaves empty."""

        def empty(value) -> bool:
            if value is None:
                return True
            if isinstance(value, str):
                return not strip_tags(value).strip()
            try:
                return len(value) == 0
            except TypeError:
                return False

        missing = []
        for name in cls.REQUIRED_ELEMENTS:
            if name == "online_link":
                absent = empty(values.get("online_link")) and not values.get("no_online_service")
            elif name == "related_forms":
                absent = related_form_count == 0 and not values.get("no_forms_needed")
            else:
                absent = empty(values.get(name))
            if absent:
                missing.append(name)
        return missing

    def missing_elements(self) -> list[str]:
        values = {name: getattr(self, name) for name in self.REQUIRED_ELEMENTS if name != "related_forms"}
        values.update(no_online_service=self.no_online_service, no_forms_needed=self.no_forms_needed)
        forms = [link for link in self.related_forms.all() if link.form_id]
        return self.missing_in(values, len(forms))

    @classmethod
    def missing_message(cls, missing: list[str]) -> str:
        return gettext("A service guide cannot be published without: %(elements)s.") % {
            "elements": join_list(cls.element_label(name) for name in missing)
        }

    def clean(self):
        super().clean()
        # Wagtail validates a page fully only when it is saved live (publishing); drafts
        # may be incomplete. The admin form checks the same rule itself, with a message
        # on each field, and says so here to avoid reporting it twice.
        if self.live and not getattr(self, "_completeness_checked_by_form", False):
            missing = self.missing_elements()
            if missing:
                raise ValidationError(self.missing_message(missing))
        if self.online_link and self.no_online_service:
            raise ValidationError(
                {"no_online_service": _("Untick this, or remove the online link: a guide cannot say both.")}
            )

    def get_search_text_parts(self) -> list[str]:
        steps = [f"{s.value['title']} {s.value['details']}" for s in self.procedure]
        materials = [f"{m.value['name']} {m.value['note']}" for m in self.materials]
        return super().get_search_text_parts() + [
            self.summary,
            self.audience,
            self.conditions,
            " ".join(materials),
            " ".join(steps),
            self.fees,
            self.time_limit,
            self.legal_basis,
            self.office,
            self.address,
        ]

    def listing_summary(self) -> str:
        return self.summary or Truncator(self.audience).words(40)

    def phone_href(self) -> str:
        """A tel: address of the phone number's digits (and a leading +), or ""."""
        digits = "".join(ch for ch in self.phone if ch.isdigit() and ch.isascii())
        if not digits:
            return ""
        return "tel:" + ("+" if self.phone.strip().startswith("+") else "") + digits

    def forms(self) -> list:
        """The published related forms, in the order the editor gave."""
        return [link.form for link in self.related_forms.all() if link.form_id and link.form.live]

    def review_deadline(self) -> date | None:
        """The last day on which this guide's review still counts as current."""
        if self.last_reviewed is None:
            return None
        return months_before(self.last_reviewed, -review_period_months())

    def structured_data(self, request) -> dict:
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": self.title,
            "url": self.get_full_url(request),
            "description": self.listing_summary(),
            "audience": {"@type": "Audience", "audienceType": Truncator(self.audience).chars(200)}
            if self.audience
            else None,
            "provider": {"@type": "GovernmentOrganization", "name": self.office} if self.office else None,
        }
        return {k: v for k, v in data.items() if v not in (None, "")}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = self.structured_data(request)
        context["related_forms"] = self.forms()
        return context

    @classmethod
    def due_for_review(cls, today: date | None = None) -> PageQuerySet:
        """Guides whose last review is older than the review period (and published
        guides that give no review date), oldest review first."""
        today = today or timezone.localdate()
        cutoff = months_before(today, review_period_months())
        return cls.objects.filter(
            models.Q(last_reviewed__lt=cutoff) | models.Q(last_reviewed__isnull=True, live=True)
        ).order_by(models.F("last_reviewed").asc(nulls_first=True), "path")


class GuideRelatedForm(Orderable):
    """A form (a document page, usually in Forms for Download) that a guide needs. The
    form's page lists the guides that use it through ``guide_links``."""

    guide = ParentalKey(ServiceGuidePage, related_name="related_forms", on_delete=models.CASCADE)
    form = models.ForeignKey(
        "documents.DocumentPage",
        verbose_name=_("form"),
        on_delete=models.CASCADE,
        related_name="guide_links",
    )

    panels = [FieldPanel("form")]

    class Meta(Orderable.Meta):
        verbose_name = _("related form")

"""Investment projects, industrial parks and enterprise profiles.

Their listings are channels (``ChannelPage`` subclasses), so menus, section pages,
feeds, AllDocsList and the empty-channels report treat them like any other channel;
projects, parks and enterprises are content items inside them.
"""

from decimal import Decimal
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from cityportal.core.blocks import BodyBlock, stream_plain_text
from cityportal.core.filters import parse_id
from cityportal.core.models import PortalPage
from cityportal.core.text import join_list
from cityportal.news.models import ChannelPage

# Fixed lists rather than editable ones: their values appear in filter addresses
# (?sector=new-materials), which must stay stable, and their names are translated with
# the rest of the interface.
SECTORS = [
    ("advanced-manufacturing", _("Advanced manufacturing")),
    ("new-materials", _("New materials")),
    ("electronic-information", _("Electronic information")),
    ("biomedicine", _("Biomedicine and health")),
    ("new-energy", _("New energy and environmental protection")),
    ("agriculture", _("Modern agriculture and food processing")),
    ("logistics", _("Logistics and trade")),
    ("culture-tourism", _("Culture and tourism")),
    ("services", _("Modern services")),
    ("other", _("Other")),
]
# ISO 4217 codes of the currencies projects are offered in.
CURRENCIES = [
    ("CNY", _("CNY – Chinese yuan")),
    ("USD", _("USD – US dollar")),
    ("EUR", _("EUR – Euro")),
    ("HKD", _("HKD – Hong Kong dollar")),
    ("JPY", _("JPY – Japanese yen")),
    ("GBP", _("GBP – Pound sterling")),
]
COOPERATION_MODES = [
    ("joint-venture", _("Joint venture")),
    ("wholly-owned", _("Wholly foreign-owned")),
    ("cooperation", _("Contractual cooperation")),
    ("ppp", _("Public-private partnership")),
    ("negotiable", _("Negotiable")),
]
STATUSES = [
    ("seeking", _("Seeking investors")),
    ("negotiating", _("Under negotiation")),
    ("signed", _("Agreement signed")),
    ("building", _("Under construction")),
    ("operating", _("In operation")),
]


def format_amount(amount: Decimal | None, currency: str) -> str:
    """An amount with its ISO currency code and thousands separators: "CNY 120,000,000";
    cents are shown only when there are any ("USD 1,250,000.50")."""
    if amount is None:
        return ""
    whole = amount == amount.to_integral_value()
    number = f"{amount.quantize(Decimal(1)):,}" if whole else f"{amount:,.2f}"
    return f"{currency} {number}".strip()


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# The channels of this app always list their own items: a channel's panels without the
# "what this channel lists" choice.
LIST_PAGE_PANELS = PortalPage.content_panels + [FieldPanel("chinese_name"), FieldPanel("introduction")]


class ContactFields(models.Model):
    """Who to contact about a project or park."""

    contact_name = models.CharField(_("contact person or office"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    contact_panel = MultiFieldPanel(
        [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
        heading=_("Contact"),
    )

    class Meta:
        abstract = True

    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_phone or self.contact_email)


# --- Projects ----------------------------------------------------------------------------


class ProjectListPage(ChannelPage):
    """The Investment Projects channel: the projects under it, newest first, 20 to a
    page, which visitors can filter by sector and by industrial park (``?sector=`` and
    ``?park=`` in the address)."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    content_panels = LIST_PAGE_PANELS
    subpage_types = ["investment.ProjectPage"]

    class Meta:
        verbose_name = _("investment projects list")

    def projects(self):
        return ProjectPage.objects.child_of(self).live().public()

    def parks(self):
        """The parks a visitor can filter by: those of this edition."""
        return (
            IndustrialParkPage.objects.live().public().filter(locale=self.locale_id).order_by("title", "path")
        )

    def read_filters(self, request: HttpRequest | None) -> tuple[dict, list[str]]:
        """The sector and park a visitor chose, and a message for each value that made no
        sense (that filter is then not used). Read once per request."""
        if request is None:
            return {}, []
        cached = getattr(request, "_project_filters", None)
        if cached is not None:
            return cached
        filters: dict = {}
        problems: list[str] = []
        sector = request.GET.get("sector", "").strip()
        if sector:
            names = dict(SECTORS)
            if sector.lower() in names:
                filters["sector"] = sector.lower()
            else:
                problems.append(
                    gettext("“%(value)s” is not one of the sectors, so all sectors are shown.")
                    % {"value": sector[:40]}
                )
        park = request.GET.get("park", "").strip()
        if park:
            number = parse_id(park)
            chosen = self.parks().filter(pk=number).first() if number is not None else None
            if chosen is None:
                problems.append(gettext("The chosen industrial park does not exist, so all parks are shown."))
            else:
                filters["park"] = chosen
        request._project_filters = (filters, problems)
        return filters, problems

    def get_listing(self, request: HttpRequest | None = None):
        filters, _problems = self.read_filters(request)
        projects = self.projects().select_related("park")
        if "sector" in filters:
            projects = projects.filter(sector=filters["sector"])
        if "park" in filters:
            projects = projects.filter(park=filters["park"])
        return projects.order_by("-first_published_at", "-pk")

    def listing_context(self, request, number=None) -> dict:
        context = super().listing_context(request, number)
        filters, problems = self.read_filters(request)
        used_sectors = set(self.projects().order_by().values_list("sector", flat=True).distinct())
        context.update(
            filters=filters,
            filter_problems=problems,
            sectors=[(value, name) for value, name in SECTORS if value in used_sectors],
            parks=self.parks(),
            # Only the filters that were used go into page links (a bad value is dropped).
            query_string=urlencode(
                [
                    (key, value)
                    for key, value in (
                        ("sector", filters.get("sector")),
                        ("park", filters["park"].pk if "park" in filters else None),
                    )
                    if value
                ]
            ),
        )
        return context


class ProjectPage(ContactFields, PortalPage):  # noqa: DJ008 - Page.__str__ gives the title
    """An investment project offered to investors: the title names it; the editor gives
    a summary, sector, industrial park (or location), total investment and its currency,
    cooperation mode, status, contact and a description."""

    listed_as_item = True

    summary = models.TextField(
        _("summary"), max_length=600, blank=True, help_text=_("One or two sentences for listings.")
    )
    sector = models.CharField(_("sector"), max_length=40, choices=SECTORS)
    park = models.ForeignKey(
        "investment.IndustrialParkPage",
        verbose_name=_("industrial park"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    location = models.CharField(
        _("location"),
        max_length=300,
        blank=True,
        help_text=_("Where the project is; needed when it is not in an industrial park."),
    )
    total_investment = models.DecimalField(
        _("total investment"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("The amount, in the currency below; shown as e.g. “CNY 120,000,000”."),
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="CNY")
    cooperation_mode = models.CharField(
        _("cooperation mode"), max_length=20, choices=COOPERATION_MODES, default="negotiable"
    )
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default="seeking")
    body = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("sector"),
                FieldPanel("park"),
                FieldPanel("location"),
                FieldPanel("total_investment"),
                FieldPanel("currency"),
                FieldPanel("cooperation_mode"),
                FieldPanel("status"),
            ],
            heading=_("Key facts"),
        ),
        ContactFields.contact_panel,
        FieldPanel("body"),
    ]
    parent_page_types = ["investment.ProjectListPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("investment project")

    def clean(self):
        super().clean()
        if not self.park_id and not self.location.strip():
            raise ValidationError({"location": _("Give the location, or choose an industrial park.")})

    @property
    def formatted_investment(self) -> str:
        return format_amount(self.total_investment, self.currency)

    def where(self) -> str:
        """The park's name and/or the location, for listings."""
        park = self.park.title if self.park_id and self.park.live else ""
        return join_list(part for part in (park, self.location) if part)

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [
            self.summary,
            str(self.get_sector_display()),
            self.location,
            self.contact_name,
            stream_plain_text(self.body),
        ]

    def listing_summary(self) -> str:
        return self.summary or Truncator(stream_plain_text(self.body)).words(40)


# --- Industrial parks --------------------------------------------------------------------


class IndustrialParkListPage(ChannelPage):
    """The Industrial Parks channel: the parks under it, by name, 20 to a page."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    content_panels = LIST_PAGE_PANELS
    subpage_types = ["investment.IndustrialParkPage"]

    class Meta:
        verbose_name = _("industrial parks list")

    def get_listing(self, request: HttpRequest | None = None):
        return IndustrialParkPage.objects.child_of(self).live().public().order_by("title", "pk")


class IndustrialParkPage(ContactFields, PortalPage):  # noqa: DJ008 - Page.__str__ gives the title
    """An industrial park: the title names it; the editor gives a summary, its area, its
    leading industries, location, contact and a profile. The page lists the published
    investment projects that name this park."""

    listed_as_item = True

    summary = models.TextField(
        _("summary"), max_length=600, blank=True, help_text=_("One or two sentences for listings.")
    )
    area_km2 = models.DecimalField(
        _("area (km²)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("In square kilometres."),
    )
    leading_industries = models.TextField(
        _("leading industries"), blank=True, help_text=_("One industry per line.")
    )
    location = models.CharField(_("location"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    profile = StreamField(BodyBlock(), verbose_name=_("profile"), blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("area_km2"),
                FieldPanel("leading_industries"),
                FieldPanel("location"),
                FieldPanel("website"),
            ],
            heading=_("Key facts"),
        ),
        ContactFields.contact_panel,
        FieldPanel("profile"),
    ]
    parent_page_types = ["investment.IndustrialParkListPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("industrial park")

    @property
    def formatted_area(self) -> str:
        """The area with thousands separators and no trailing zeros: "12.5 km²"."""
        area = self.area_km2
        if area is None:
            return ""
        if area == area.to_integral_value():
            number = f"{area.quantize(Decimal(1)):,}"
        else:
            number = f"{area:,.2f}".rstrip("0")
        return gettext("%(number)s km²") % {"number": number}

    def industries(self) -> list[str]:
        return lines_of(self.leading_industries)

    def live_projects(self):
        return ProjectPage.objects.live().public().filter(park=self).order_by("-first_published_at", "-pk")

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [
            self.summary,
            self.leading_industries,
            self.location,
            stream_plain_text(self.profile),
        ]

    def listing_summary(self) -> str:
        return self.summary or Truncator(stream_plain_text(self.profile)).words(40)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = self.live_projects()
        return context


# --- Enterprise Focus --------------------------------------------------------------------


class EnterpriseListPage(ChannelPage):
    """The Enterprise Focus channel: profiles of enterprises, newest first."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    content_panels = LIST_PAGE_PANELS
    subpage_types = ["investment.EnterprisePage"]

    class Meta:
        verbose_name = _("enterprise profiles list")

    def get_listing(self, request: HttpRequest | None = None):
        return EnterprisePage.objects.child_of(self).live().public().order_by("-first_published_at", "-pk")


class EnterprisePage(PortalPage):
    """A profile of an enterprise in the city: the title is the enterprise's name; the
    editor gives its sector, a summary, its website and the profile itself."""

    listed_as_item = True

    sector = models.CharField(_("sector"), max_length=40, choices=SECTORS)
    summary = models.TextField(
        _("summary"), max_length=600, blank=True, help_text=_("One or two sentences for listings.")
    )
    website = models.URLField(_("website"), blank=True)
    profile = StreamField(BodyBlock(), verbose_name=_("profile"))

    content_panels = PortalPage.content_panels + [
        FieldPanel("sector"),
        FieldPanel("summary"),
        FieldPanel("website"),
        FieldPanel("profile"),
    ]
    parent_page_types = ["investment.EnterpriseListPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("enterprise profile")

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [
            self.summary,
            str(self.get_sector_display()),
            stream_plain_text(self.profile),
        ]

    def listing_summary(self) -> str:
        return self.summary or Truncator(stream_plain_text(self.profile)).words(40)

    def structured_data(self, request: HttpRequest | None = None) -> dict:
        """schema.org Organization, for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": self.title,
            "url": self.website,
            "description": self.listing_summary(),
        }
        return {k: v for k, v in data.items() if v}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = self.structured_data(request)
        return context

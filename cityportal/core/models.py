"""Site identity settings and the base class of every portal page."""

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail.search import index

from cityportal.core.text import plain_text
from cityportal.search.segmentation import segment_for_index


@register_setting(icon="site")
class PortalIdentity(BaseSiteSetting):
    """The portal's identity marks: what the footer shows on every page, and the
    default source credited on articles. Editors change these under Settings."""

    site_name = models.CharField(_("site name"), max_length=200, default="City Government Portal")
    default_article_source = models.CharField(
        _("default article source"),
        max_length=200,
        blank=True,
        help_text=_("Shown after 'From:' on articles that name no source of their own."),
    )
    sponsor = models.CharField(_("sponsored by"), max_length=200, blank=True)
    undertaker = models.CharField(_("undertaken by"), max_length=200, blank=True)
    co_sponsor = models.CharField(_("co-sponsored by"), max_length=200, blank=True)
    technical_support = models.CharField(_("technical support & design"), max_length=200, blank=True)
    icp_number = models.CharField(_("ICP number"), max_length=100, blank=True)
    icp_url = models.URLField(_("ICP registry link"), blank=True, default="https://beian.miit.gov.cn/")
    public_security_filing_number = models.CharField(
        _("public-security filing number"), max_length=100, blank=True
    )
    public_security_filing_url = models.URLField(
        _("public-security filing link"), blank=True, default="https://beian.mps.gov.cn/"
    )
    site_identification_code = models.CharField(
        _("government site identification code"), max_length=50, blank=True
    )
    contact_address = models.CharField(_("contact address"), max_length=300, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    panels = [
        FieldPanel("site_name"),
        FieldPanel("default_article_source"),
        MultiFieldPanel(
            [
                FieldPanel("sponsor"),
                FieldPanel("undertaker"),
                FieldPanel("co_sponsor"),
                FieldPanel("technical_support"),
            ],
            heading=_("Who runs the site"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("icp_url"),
                FieldPanel("public_security_filing_number"),
                FieldPanel("public_security_filing_url"),
                FieldPanel("site_identification_code"),
            ],
            heading=_("Registration marks"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_address"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("portal identity and footer")


class FirstPublicationLocked(ValidationError):
    """Raised when something tries to move a page's first publication time."""


class PortalPage(Page):
    """Base of every cityportal page type.

    It indexes a jieba-segmented copy of the page's text so that Chinese words are found
    inside sentences, and it keeps the first publication time (the "Date Add in" of
    articles) fixed once the page has been published.
    """

    # Content items (articles, guides, documents...) appear in AllDocsList, feeds and
    # "latest" listings; structural pages (home, sections, channels) do not.
    listed_as_item: ClassVar[bool] = False
    # Pages whose output is the same for every visitor can be published as static files.
    # Pages with forms or per-visitor answers (mailbox, surveys) set this False and are
    # always served by Django.
    static_publishable: ClassVar[bool] = True
    # Fields that change how the page looks wherever it is shown, but never whether a
    # listing shows it or where: no listing filters or sorts by them. An edit of these
    # alone re-publishes only the pages that show this one, not every page of every
    # listing around it (publishing.signals). A field any listing filters or sorts by
    # must not be named here: the title, if some listing is alphabetical.
    display_only_fields: ClassVar[tuple[str, ...]] = ("seo_title", "search_description")

    search_fields = Page.search_fields + [
        index.SearchField("segmented_search_text"),
    ]

    class Meta:
        abstract = True

    def get_search_text_parts(self) -> list[str]:
        """Plain-text pieces of this page that search should find. Subclasses add theirs."""
        return [self.title, self.search_description or ""]

    def segmented_search_text(self) -> str:
        text = " ".join(plain_text(p) for p in self.get_search_text_parts() if p)
        # The indexer asks for this several times per save; segmentation is the costly
        # part, so it is redone only when the text has changed.
        cached = getattr(self, "_segmented_cache", None)
        if cached is None or cached[0] != text:
            cached = self._segmented_cache = (text, segment_for_index(text))
        return cached[1]

    def get_section(self) -> Page | None:
        """The top-level section this page belongs to (the child of the home page), if any."""
        site_root_depth = 2
        if self.depth <= site_root_depth:
            return None
        if self.depth == site_root_depth + 1:
            return self
        return Page.objects.ancestor_of(self).filter(depth=site_root_depth + 1).specific().first()

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        writes_first_published = update_fields is None or "first_published_at" in update_fields
        if self.pk and writes_first_published:
            stored = (
                type(self).objects.filter(pk=self.pk).values_list("first_published_at", flat=True).first()
            )
            if stored is not None and (
                self.first_published_at is None
                # Revisions keep times to the millisecond (JSON), so a page rebuilt from
                # a stored revision (workflow, schedule) carries the same moment, cut.
                or abs((stored - self.first_published_at).total_seconds()) < 0.001
            ):
                # A stale copy of the page (loaded before it was first published) keeps
                # the stored time rather than erasing it.
                self.first_published_at = stored
            elif stored is not None and stored != self.first_published_at:
                raise FirstPublicationLocked(
                    _("The first publication time of a published page cannot be changed.")
                )
        return super().save(*args, **kwargs)


class RateLimitHit(models.Model):
    """One counted action (a letter sent, a wrong tracking code, a survey answer) from
    one address. Kept in the database so that every web worker sees the same counts;
    the address is stored only as a keyed hash. Old hits are removed as new ones come."""

    bucket = models.CharField(max_length=60)
    address_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["bucket", "address_hash", "created_at"], name="core_ratelimit_lookup"),
            # Old hits are deleted by age, whatever their bucket and address.
            models.Index(fields=["created_at"], name="core_ratelimit_age"),
        ]

    def __str__(self) -> str:
        return f"{self.bucket} at {self.created_at:%Y-%m-%d %H:%M:%S}"


class PageTreeVersion(models.Model):
    """A token that changes whenever any page or site changes (one row). Processes
    keep what every page shows (the menu) in memory under the token they read, so a
    change made through any process is seen by all of them at their next request. A
    random token rather than a counter: a rolled-back change never hands out a token
    again that other processes may have seen."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("page tree version")

    def __str__(self) -> str:
        return self.token

"""The home page of a language edition."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from cityportal.core.items import filter_below, live_items, subtree_sizes
from cityportal.core.models import PortalPage
from cityportal.core.routing import route_by_address
from cityportal.news.models import ChannelPage, SectionPage

TOP_NEWS_COUNT = 5
PICTURE_NEWS_COUNT = 4
LATEST_PER_SECTION = 5


class OnlineServiceLink(Orderable):
    """A shortcut on the home page to an online service (mailbox, guides, downloads)."""

    home = ParentalKey("home.HomePage", related_name="service_links", on_delete=models.CASCADE)
    link_page = models.ForeignKey(Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("Leave blank to use the page title.")
    )

    panels = [PageChooserPanel("link_page"), FieldPanel("label")]

    @property
    def text(self) -> str:
        return self.label or self.link_page.title


class HomePage(PortalPage):
    """The front page of a language edition: top news, picture news, the latest items
    of each section, the weather area and shortcuts to online services."""

    welcome = RichTextField(_("welcome text"), blank=True, features=["bold", "italic", "link"])

    content_panels = PortalPage.content_panels + [
        FieldPanel("welcome"),
        InlinePanel("service_links", heading=_("Online service shortcuts"), label=_("shortcut")),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "news.AllDocsListPage"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # The edition's home is where every address of the edition starts.
        found = route_by_address(self, request, path_components)
        return found if found is not None else super().route(request, path_components)

    def top_news(self):
        # The same rule as the Top News channel, limited to this home page's tree.
        return filter_below(
            ChannelPage.featured_articles(ChannelPage.LISTING_TOP_NEWS, self.locale), self
        ).order_by("-first_published_at", "-pk")[:TOP_NEWS_COUNT]

    def picture_news(self):
        return (
            filter_below(ChannelPage.featured_articles(ChannelPage.LISTING_PICTURE_NEWS, self.locale), self)
            .select_related("lead_image")
            .order_by("-first_published_at", "-pk")[:PICTURE_NEWS_COUNT]
        )

    def sections_with_latest(self):
        sections = list(SectionPage.objects.live().public().child_of(self).in_menu())
        public_pages = Page.objects.live().public()
        sizes = subtree_sizes(sections)
        return [
            (
                section,
                list(
                    live_items(within=section, public_pages=public_pages, subtree_size=sizes[section.pk])[
                        :LATEST_PER_SECTION
                    ]
                ),
            )
            for section in sections
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            top_news=list(self.top_news()),
            picture_news=list(self.picture_news()),
            sections=self.sections_with_latest(),
            service_links=self.service_links.select_related("link_page").filter(link_page__live=True),
        )
        return context

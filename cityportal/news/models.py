"""Sections, channels and articles: the news-and-information backbone of the portal."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, OuterRef
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageQuerySet, get_page_models
from wagtail.search import index

from cityportal.core import render_record
from cityportal.core.blocks import BodyBlock, stream_plain_text
from cityportal.core.filters import filter_by_date_range, parse_id, read_date_range
from cityportal.core.items import NotIndexed, filter_locale, filter_siblings, live_items, parents_of
from cityportal.core.models import PortalIdentity, PortalPage
from cityportal.core.pagination import numbered_pages, paginate, paginate_from_oldest, redirect_page_one

LATEST_PER_CHANNEL = 5


class PaginatedRoutesMixin(RoutablePageMixin):
    """Listing pages number their pages in the path (``.../page/2/``), not the query
    string, so that each page of a listing can be published as a static file.

    With ``numbered_from_oldest`` (listings newest first by publication time), page 1
    holds the oldest items and the listing's own page the newest: a new item changes
    the listing's own page only, and what a numbered page read is recorded as bounded
    by its newest item (core.render_record.subtree_until_key), so that it is published
    again only when an item at or before that time comes or goes."""

    # Each listing page defines get_listing(request) -> the queryset to paginate.
    numbered_from_oldest = False

    def listing_context(self, request, number=None) -> dict:
        per_page = settings.CITYPORTAL_ITEMS_PER_PAGE
        if not self.numbered_from_oldest:
            # A page published under this one later may join the listing.
            render_record.record_subtree(self.path)
            listing = paginate(self.get_listing(request), number, per_page)
            return {"listing": listing, "items": listing.page.object_list}
        with render_record.recording() as read:
            render_record.record_subtree(self.path)
            listing = paginate_from_oldest(self.get_listing(request), number, per_page)
        newest = listing.items[0].first_published_at if listing.number is not None and listing.items else None
        render_record.record_all(render_record.bounded_by(read, newest) if newest else read)
        return {"listing": listing, "items": listing.items}

    def get_cached_paths(self) -> list[str]:
        """Every address the listing answers at, its later pages included (for static
        publishing and front-end cache purging)."""
        per_page = settings.CITYPORTAL_ITEMS_PER_PAGE
        if self.numbered_from_oldest:
            numbered = numbered_pages(self.get_listing(None).count(), per_page)
            return ["/"] + [f"/page/{number}/" for number in range(1, numbered + 1)]
        pages = Paginator(self.get_listing(None), per_page).num_pages
        return ["/"] + [f"/page/{number}/" for number in range(2, pages + 1)]

    @path("")
    def first_page(self, request):
        return self.render(request, context_overrides=self.listing_context(request))

    @re_path(r"^page/(?P<number>[^/]{1,40})/$")
    def numbered_page(self, request, number):
        if self.numbered_from_oldest:
            return self._numbered_from_oldest(request, number)
        if (first_page := redirect_page_one(request, self.get_url(request), number)) is not None:
            return first_page
        return self.render(request, context_overrides=self.listing_context(request, number))

    def _numbered_from_oldest(self, request, number):
        query = "?" + request.GET.urlencode() if request.GET else ""
        parsed = parse_id(number)
        if parsed is not None and str(parsed) != number:
            # One address per page: page/01/ is page/1/.
            return HttpResponsePermanentRedirect(f"{self.get_url(request)}page/{parsed}/{query}")
        context = self.listing_context(request, number)
        if context["listing"].send_to_newest:
            # Not a page of its own yet: its items are the newest, on the listing's page.
            return HttpResponseRedirect(self.get_url(request) + query)
        return self.render(request, context_overrides=context)


class SectionPage(PortalPage):
    """A top-level section of the menu (About Hengyang, Tourism, Current News...).
    Its page shows each of its channels with their latest items."""

    chinese_name = models.CharField(
        _("Chinese name"),
        max_length=100,
        blank=True,
        help_text=_("The section's name in the Chinese edition, where it differs."),
    )
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    show_weather_entry = models.BooleanField(
        _("weather entry in the menu"),
        default=False,
        help_text=_(
            "Add a 'Weather' entry under this section, linking to the weather area of the home page."
        ),
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("chinese_name"),
        FieldPanel("introduction"),
    ]
    promote_panels = PortalPage.promote_panels + [FieldPanel("show_weather_entry")]
    parent_page_types = ["home.HomePage"]
    # Channels of every kind (ChannelPage and its specialised subclasses in other apps)
    # and the feed list: each page type names its allowed parents, so none is listed here.

    class Meta:
        verbose_name = _("section")

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [self.chinese_name, self.introduction]

    def channels_with_latest(self) -> list[tuple[Page, list[Page]]]:
        channels = self.get_children().live().public().in_menu().specific()
        return [
            (channel, list(channel.latest_items(LATEST_PER_CHANNEL)))
            for channel in channels
            if isinstance(channel, ChannelPage)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["channels"] = self.channels_with_latest()
        return context


class ChannelPage(PaginatedRoutesMixin, PortalPage):
    """A channel (column) inside a section, such as Hot News: its items, newest first,
    20 to a page. It can also gather the site's top news or picture news."""

    LISTING_OWN = "own"
    LISTING_TOP_NEWS = "top_news"
    LISTING_PICTURE_NEWS = "picture_news"
    LISTING_CHOICES = [
        (LISTING_OWN, _("Its own items")),
        (LISTING_TOP_NEWS, _("Top news from the whole edition")),
        (LISTING_PICTURE_NEWS, _("Picture news from the whole edition")),
    ]

    chinese_name = models.CharField(
        _("Chinese name"),
        max_length=100,
        blank=True,
        help_text=_("The channel's name in the Chinese edition, e.g. 信息构建."),
    )
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    listing_source = models.CharField(
        _("what this channel lists"), max_length=20, choices=LISTING_CHOICES, default=LISTING_OWN
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("chinese_name"),
        FieldPanel("introduction"),
        FieldPanel("listing_source"),
    ]
    parent_page_types = ["news.SectionPage"]
    # Any content item whose parent_page_types admits channels (articles, and the item
    # types of other apps); specialised channel subclasses narrow this down.
    # False on channels whose page is itself the content (an FAQ): they list no items,
    # yet are not empty.
    lists_items = True
    # Newest first by publication time: numbered from the oldest (PaginatedRoutesMixin).
    # Channels that list in another order (by name, by rank) say False.
    numbered_from_oldest = True

    class Meta:
        verbose_name = _("channel")

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [self.chinese_name, self.introduction]

    @classmethod
    def featured_articles(cls, listing_source: str, locale):
        """The articles a TopNews or PictureNews channel (``listing_source``) gathers
        from the edition of ``locale`` (a Locale, or an OuterRef in a subquery)."""
        # Through the index of featured articles, which are few, not the edition's.
        articles = filter_locale(ArticlePage.objects.live().public(), locale)
        if listing_source == cls.LISTING_TOP_NEWS:
            return articles.filter(is_top_news=True)
        return articles.alias(picture=NotIndexed(F("lead_image_id"))).filter(
            is_picture_news=True, picture__isnull=False
        )

    def items(self):
        if self.listing_source in (self.LISTING_TOP_NEWS, self.LISTING_PICTURE_NEWS):
            # Featured articles may be anywhere in the tree: whatever is published later,
            # wherever it is, may join this listing.
            render_record.record_subtree("")
            return self.featured_articles(self.listing_source, self.locale).order_by(
                "-first_published_at", "-pk"
            )
        return live_items(within=self)

    @classmethod
    def without_live_items(cls, channels: PageQuerySet | None = None) -> PageQuerySet:
        """The channels (of ``channels``, or all) that list nothing to visitors: no
        published item inside them, or, for channels that gather featured items, nothing
        featured in their language edition. One query, however many channels there are."""
        channels = cls.objects.all() if channels is None else channels
        content_pages = [m for m in get_page_models() if issubclass(m, cls) and not m.lists_items]
        if content_pages:
            types = ContentType.objects.get_for_models(*content_pages).values()
            channels = channels.exclude(content_type__in=types)
        own = live_items().filter(path__startswith=OuterRef("path")).exclude(pk=OuterRef("pk"))
        top_news = cls.featured_articles(cls.LISTING_TOP_NEWS, OuterRef("locale"))
        picture_news = cls.featured_articles(cls.LISTING_PICTURE_NEWS, OuterRef("locale"))
        return channels.alias(
            has_own=models.Exists(own.values("pk")),
            has_top_news=models.Exists(top_news.values("pk")),
            has_picture_news=models.Exists(picture_news.values("pk")),
        ).filter(
            models.Q(listing_source=cls.LISTING_OWN, has_own=False)
            | models.Q(listing_source=cls.LISTING_TOP_NEWS, has_top_news=False)
            | models.Q(listing_source=cls.LISTING_PICTURE_NEWS, has_picture_news=False)
        )

    def latest_items(self, count: int):
        return self.get_listing()[:count]

    def get_listing(self, request=None):
        qs = self.items()
        # Own items may be of several page types; fetch each as its specific class.
        return qs.specific() if qs.model is Page else qs

    def get_cached_paths(self) -> list[str]:
        return super().get_cached_paths() + ["/rss.xml"]

    def feed_url(self) -> str:
        """Served by news.views.channel_feed."""
        return self.url + "rss.xml"


# A tag on at least this many articles is common: its related articles are found by
# walking the newest articles rather than sorting all of the tag's (see related_articles).
COMMON_TAG = 500


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(PortalPage):
    """A news item or article: title, source ("From:"), first publication time
    ("Date Add in:"), body, and the translator credited for the English text."""

    listed_as_item = True

    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Shown after 'From:'. Leave blank to use the site's default source."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences for listings, feeds and search results."),
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("lead image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Required when there is a lead image: what the picture shows."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    translator = models.CharField(
        _("translator"),
        max_length=200,
        blank=True,
        help_text=_("The person credited for the English translation."),
    )
    is_top_news = models.BooleanField(
        _("top news"), default=False, help_text=_("Feature on the home page and in TopNews.")
    )
    is_picture_news = models.BooleanField(
        _("picture news"),
        default=False,
        help_text=_("Show the lead image in PictureNews and on the home page."),
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))

    content_panels = PortalPage.content_panels + [
        FieldPanel("source"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("Lead image")),
        FieldPanel("body"),
        FieldPanel("translator"),
    ]
    promote_panels = PortalPage.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("is_top_news"), FieldPanel("is_picture_news"), FieldPanel("tags")],
            heading=_("Featuring"),
        ),
    ]
    search_fields = PortalPage.search_fields + [index.FilterField("is_top_news")]
    # Listings of articles go by publication time, the featuring flags, the lead image
    # (picture news) and the tags (related articles), never by these.
    display_only_fields = PortalPage.display_only_fields + (
        "title",
        "source",
        "summary",
        "lead_image_alt",
        "body",
        "translator",
    )
    parent_page_types = ["news.ChannelPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        indexes = [
            # The home page and TopNews look for the few featured articles among many.
            models.Index(
                fields=["is_top_news"], condition=models.Q(is_top_news=True), name="news_article_top"
            ),
            models.Index(
                fields=["is_picture_news"],
                condition=models.Q(is_picture_news=True),
                name="news_article_picture",
            ),
        ]

    def clean(self):
        super().clean()
        if self.lead_image_id and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Describe the lead image for people who cannot see it.")}
            )
        if self.is_picture_news and not self.lead_image_id:
            raise ValidationError({"is_picture_news": _("Picture news needs a lead image.")})

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [
            self.summary,
            self.source,
            self.translator,
            stream_plain_text(self.body),
        ]

    def display_source(self, request=None) -> str:
        if self.source:
            return self.source
        if request is not None:  # the request's site is the article's: it was routed there
            return PortalIdentity.for_request(request).default_article_source
        site = self.get_site()
        return PortalIdentity.for_site(site).default_article_source if site else ""

    def listing_summary(self) -> str:
        if self.summary:
            return self.summary
        for child in self.body:
            if child.block_type == "paragraph":
                return Truncator(strip_tags(child.value.source)).words(40)
        return ""

    @cached_property
    def _public_articles(self):
        # public() reads the view restrictions each time it is called: once per render.
        # Neighbours and related articles show a title, an address and a date: their
        # bodies (the largest column) are not read.
        return ArticlePage.objects.live().public().defer_streamfields()

    def siblings_in_channel(self):
        return filter_siblings(self._public_articles, self).exclude(first_published_at=None)

    def previous_in_channel(self):
        """The article published just before this one in the same channel."""
        if not self.first_published_at:
            return None
        return (
            self.siblings_in_channel()
            # Written as a range plus an exclusion (not an OR of two conditions) so that
            # the database can walk the first_published_at index instead of sorting
            # the whole channel.
            .filter(first_published_at__lte=self.first_published_at)
            .exclude(first_published_at=self.first_published_at, pk__gte=self.pk)
            .order_by("-first_published_at", "-pk")
            .first()
        )

    def next_in_channel(self):
        """The article published just after this one in the same channel."""
        if not self.first_published_at:
            return None
        return (
            self.siblings_in_channel()
            .filter(first_published_at__gte=self.first_published_at)
            .exclude(first_published_at=self.first_published_at, pk__lte=self.pk)
            .order_by("first_published_at", "pk")
            .first()
        )

    def related_articles(self, count: int = 5) -> list["ArticlePage"]:
        """Articles sharing a tag with this one, newest first, topped up with the
        latest of its channel."""
        base = self._public_articles.filter(locale=self.locale).exclude(pk=self.pk)
        # Tags may be held in memory (page previews, unsaved edits), where a queryset
        # only answers to real field names: iterate instead of values_list("pk").
        tag_ids = [tag.id for tag in self.tags.all()]
        related = []
        if tag_ids:
            tagged = ArticleTag.objects.filter(tag_id__in=tag_ids)
            # A subquery rather than a join with DISTINCT, which made the database
            # collect every tagged article before sorting (slow on large sites).
            tagged_ids = tagged.values("content_object_id")
            if tagged.values("pk")[:COMMON_TAG].count() < COMMON_TAG:
                # A rare tag: its few articles, sorted.
                articles = base.filter(pk__in=tagged_ids).order_by("-first_published_at", "-pk")
                related = list(articles[:count])
            else:
                # A common one: from the newest page along the publication-time index,
                # which meets a tagged article every few rows. On the page table alone,
                # so that SQLite does not start from the article table instead.
                newest = (
                    filter_locale(Page.objects.live().public(), self.locale)
                    .exclude(pk=self.pk)
                    .alias(article=NotIndexed(F("pk")))
                    .filter(article__in=tagged_ids)
                    .order_by("-first_published_at", "-pk")
                    .values_list("pk", flat=True)
                )
                ids = list(newest[:count])
                by_id = self._public_articles.in_bulk(ids)
                related = [by_id[pk] for pk in ids if pk in by_id]
        if len(related) < count:
            seen = {p.pk for p in related}
            for page in self.siblings_in_channel().order_by("-first_published_at", "-pk")[: count + 1]:
                if page.pk not in seen and len(related) < count:
                    related.append(page)
        return related

    def structured_data(self, request, source: str) -> dict:
        """schema.org NewsArticle for search engines. Times are given in the city's time
        zone, as the page shows them."""
        published = self.first_published_at
        modified = self.last_published_at or published
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "mainEntityOfPage": self.get_full_url(request),
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "datePublished": timezone.localtime(published).isoformat() if published else None,
            "dateModified": timezone.localtime(modified).isoformat() if modified else None,
            "description": self.listing_summary(),
        }
        if source:
            data["author"] = {"@type": "Organization", "name": source}
        identity = PortalIdentity.for_request(request) if request else None
        if identity is not None:
            data["publisher"] = {"@type": "Organization", "name": identity.site_name}
        if self.translator:
            data["translator"] = {"@type": "Person", "name": self.translator}
        if self.lead_image_id:
            rendition = self.lead_image.get_rendition("fill-1200x630")
            data["image"] = request.build_absolute_uri(rendition.url) if request else rendition.url
        return {k: v for k, v in data.items() if v not in (None, "")}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        source = self.display_source(request)
        context.update(
            structured_data=self.structured_data(request, source),
            source=source,
            previous_article=self.previous_in_channel(),
            next_article=self.next_in_channel(),
            related=self.related_articles(),
        )
        return context


class AllDocsListPage(PaginatedRoutesMixin, PortalPage):
    """AllDocsList: every published item of the edition, newest first, with filters by
    section, channel and date range."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    content_panels = PortalPage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    numbered_from_oldest = True

    class Meta:
        verbose_name = _("all documents list")

    def sections(self):
        return SectionPage.objects.live().public().child_of(self.get_parent()).in_menu()

    def channels(self):
        return (
            ChannelPage.objects.live()
            .public()
            .descendant_of(self.get_parent())
            .filter(listing_source=ChannelPage.LISTING_OWN)
        )

    def read_filters(self, request) -> tuple[dict, list[str]]:
        """The filters a visitor chose, and a message for each one that made no sense.
        Read once per request; none without a request (the unfiltered list)."""
        if request is None:
            return {}, []
        cached = getattr(request, "_alldocs_filters", None)
        if cached is not None:
            return cached
        filters: dict = {}
        problems: list[str] = []
        for key, options, unknown in (
            ("section", self.sections(), gettext("The chosen section does not exist, so it was not used.")),
            ("channel", self.channels(), gettext("The chosen channel does not exist, so it was not used.")),
        ):
            raw = request.GET.get(key, "").strip()
            if not raw:
                continue
            number = parse_id(raw)
            page = options.filter(pk=number).first() if number is not None else None
            if page is None:
                problems.append(unknown)
            else:
                filters[key] = page
        section, channel = filters.get("section"), filters.get("channel")
        if section and channel and not channel.is_descendant_of(section):
            problems.append(
                gettext(
                    "The channel %(channel)s is not in the section %(section)s, so only the channel was used."
                )
                % {"channel": channel.title, "section": section.title}
            )
            del filters["section"]
        read_date_range(request, filters, problems)
        request._alldocs_filters = (filters, problems)
        return filters, problems

    def get_listing(self, request=None):
        filters, _problems = self.read_filters(request)
        within = filters.get("channel") or filters.get("section") or self.get_parent()
        return filter_by_date_range(live_items(within=within), filters).specific()

    def listing_context(self, request, number=None) -> dict:
        context = super().listing_context(request, number)
        filters, problems = self.read_filters(request)
        # The channel of each listed item, fetched in one query rather than one per item.
        items = list(context["items"])
        parents = parents_of(items, "title")
        for item in items:
            item.listed_in = parents[item.pk]
        context.update(
            items=items,
            filters=filters,
            filter_problems=problems,
            query_string=request.GET.urlencode(),
        )
        return context


class FeedIndexPage(PortalPage):
    """The RSS page: lists every feed of the edition, the whole-site feed first."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    content_panels = PortalPage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("feed list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent().get_parent()
        sections = []
        for section in SectionPage.objects.live().public().child_of(home).in_menu():
            channels = list(ChannelPage.objects.live().public().child_of(section))
            if channels:
                sections.append((section, channels))
        context["feed_sections"] = sections
        return context

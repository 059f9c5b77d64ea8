"""The demo site as the loader builds it: the reference portal's tree, its article and the
sample items of every other channel. The expected values are written out here from the
reference page (shared seed file), not read back from the loader's own tables."""

import hashlib
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from cityportal.demo import reference_article as ref
from cityportal.demo.loader import HOT_NEWS_SAMPLES, SAMPLES_NEWEST, SEED, load_demo, sample_count
from cityportal.demo.sample_content import SAMPLE_MARK, SAMPLE_NOTICE, sample_items
from cityportal.news.models import AllDocsListPage, ArticlePage, ChannelPage, FeedIndexPage, SectionPage

pytestmark = pytest.mark.django_db

# The navigation tree of the reference page: 9 sections, 53 entries, then AllDocsList.
# (English title, Chinese name where the reference page shows only the Chinese one.)
EXPECTED_TREE = [
    (
        "About Hengyang",
        [
            "Snapshot",
            "Economy",
            "History and Culture",
            "Honors",
            "Friendly Exchanges",
            "City Cards",
            "Maps of Hengyang",
            "Pictureview",
        ],
    ),
    (
        "Tourism",
        [
            "Top Eight Attractions",
            "Tourist Routes",
            "Tourism Dynamic",
            "Hengyang Special",
            "Transportation",
            "Travel Tips",
        ],
    ),
    (
        "Investment",
        [
            "Investment Environment",
            "Investment Dynamic",
            "Investment Projects",
            "Investment Guide",
            "Investment Policies",
            "Taxation",
            "Industrial Parks",
            "Enterprise Focus",
        ],
    ),
    ("Life", ["Shopping", "Health", "Cuisine", "Education", "Employment", "Church", "Service Guide"]),
    ("Current News", ["Hot News", "Special Report", "Hot Report"]),
    (
        "E-Government",
        ["Officials", "Departments", "Laws and Regulations", "Development Planning", "Special Reports"],
    ),
    (
        "Online Service",
        [
            "Naturalization",
            "International Marriage",
            "Entry & Exit",
            "Residence Affairs",
            "Mailbox of Government",
            "FAQ",
            "Online Investigation",
            "Forms for Download",
        ],
    ),
    ("User experience", ["Information Architecture", "Usability", "Language Norms"]),
    # wea_f2 is not a page: Special Column gets a weather entry in the menu instead.
    ("Special Column", ["PictureNews", "TopNews", "Video and Audio", "RSS"]),
]
CHINESE_NAMES = {"Information Architecture": "信息构建", "Usability": "可用性", "Language Norms": "语言规范"}
CITY_TZ = ZoneInfo("Asia/Shanghai")
# sha256 of the ten body paragraphs of shared/seed/000_d12c189863718933.txt (the text
# between the "From:" line and "Translator:"), joined with newlines.
SEED_PARAGRAPHS_SHA256 = "551ae5ca0087a17d0c4f8b52b946487d1eba451547d0a54b4f5ddd6f21a09f18"
# Digest of every sample item of the demo (address, title, summary, time, paragraphs,
# tags, picture flag) as first shipped: the demo content must not drift.


def plain_own_channels() -> list[ChannelPage]:
    """Channels that list their own articles and that no app has specialised (those get
    the generic "[Sample]" articles)."""
    return [c for c in own_channels() if c.specific_class is ChannelPage]


def channel_key(channel: ChannelPage) -> tuple[str, str]:
    return (channel.get_parent().slug, channel.slug)


def expected_sample_count() -> int:
    return sum(sample_count(*channel_key(c)) for c in plain_own_channels())


def paragraphs_of(article: ArticlePage) -> list[str]:
    sources = [block.value.source for block in article.body if block.block_type == "paragraph"]
    assert all(s.startswith("<p>") and s.endswith("</p>") for s in sources)
    return [s[len("<p>") : -len("</p>")] for s in sources]


def own_channels() -> list[ChannelPage]:
    return list(ChannelPage.objects.filter(listing_source=ChannelPage.LISTING_OWN).order_by("path"))


def test_nine_sections_with_fifty_three_entries_in_order(demo_home):
    sections = demo_home.get_children().type(SectionPage).specific().order_by("path")
    assert [s.title for s in sections] == [title for title, _ in EXPECTED_TREE]
    entries = 0
    for section, (_title, expected_children) in zip(sections, EXPECTED_TREE, strict=True):
        assert section.live and section.show_in_menus
        children = list(section.get_children().specific().order_by("path"))
        assert [c.title for c in children] == expected_children
        assert all(c.live and c.show_in_menus for c in children)
        entries += len(children) + (1 if section.show_weather_entry else 0)
    assert entries == 53
    assert [s.title for s in sections if s.show_weather_entry] == ["Special Column"]
    assert Page.objects.descendant_of(demo_home).filter(depth=demo_home.depth + 2).count() == 52


def test_entry_page_types(demo_home):
    channels = ChannelPage.objects.descendant_of(demo_home)
    assert channels.count() == 51
    assert FeedIndexPage.objects.get().title == "RSS"
    assert channels.get(title="PictureNews").listing_source == ChannelPage.LISTING_PICTURE_NEWS
    assert channels.get(title="TopNews").listing_source == ChannelPage.LISTING_TOP_NEWS
    assert len(own_channels()) == 49
    for title, chinese in CHINESE_NAMES.items():
        assert channels.get(title=title).chinese_name == chinese


def test_all_docs_list_follows_the_sections(demo_home):
    children = list(demo_home.get_children().order_by("path"))
    last = children[-1].specific
    assert isinstance(last, AllDocsListPage)
    assert (last.title, last.slug) == ("AllDocsList", "alldocslist")
    assert last.live and last.show_in_menus
    assert len(children) == 10


def test_reference_article_exactly(reference_article, hot_news):
    article = reference_article
    assert article.title == ref.TITLE
    assert article.title.startswith("Liu Yuegao leads a team to Beijing to coordinate with central")
    assert article.source == "衡阳市政府门户网站"
    assert article.first_published_at == datetime(2024, 5, 18, 23, 14, 41, tzinfo=CITY_TZ)
    assert article.last_published_at == article.first_published_at
    assert article.translator == "Jing"
    assert article.live and not article.has_unpublished_changes
    assert article.get_parent().specific == hot_news
    assert hot_news.get_parent().title == "Current News"
    assert article.is_top_news


def test_reference_article_paragraphs_are_the_seed_text(reference_article):
    paragraphs = paragraphs_of(reference_article)
    assert paragraphs == ref.PARAGRAPHS
    assert len(paragraphs) == 10
    digest = hashlib.sha256("\n".join(paragraphs).encode()).hexdigest()
    assert digest == SEED_PARAGRAPHS_SHA256, "the body differs from the seed file's text"
    assert paragraphs[0].startswith("From May 15th to 16th, Liu Yuegao, the Secretary of the Municipal")
    assert paragraphs[-1] == (
        "Zhang Jian, relevant person in charge of COEGC, Wang Delin and Han Yongjiang, relevant "
        "persons in charge of CNNC, and municipal leaders Liu Lihua and Yu Xinfan respectively "
        "attended relevant activities."
    )


def test_reference_article_leads_hot_news_and_top_news(reference_article, hot_news, demo_home):
    assert hot_news.latest_items(1)[0].pk == reference_article.pk
    top_news = ChannelPage.objects.get(title="TopNews")
    assert [p.pk for p in top_news.items()] == [reference_article.pk]
    assert demo_home.specific.top_news()[0].pk == reference_article.pk


def test_every_own_channel_has_sample_items_marked_sample(reference_article):
    total = 0
    for channel in plain_own_channels():
        items = [p for p in channel.items().specific() if p.pk != reference_article.pk]
        assert len(items) >= 3, channel.title
        for item in items:
            assert item.title.startswith(SAMPLE_MARK), item.title
            assert paragraphs_of(item)[0] == SAMPLE_NOTICE
            assert item.first_published_at < reference_article.first_published_at
        total += len(items)
    assert total == expected_sample_count()
    assert ArticlePage.objects.filter(title__startswith=SAMPLE_MARK).count() == total
    assert ChannelPage.objects.get(slug="hot-news").numchild == HOT_NEWS_SAMPLES + 1


def test_demo_samples_are_what_the_generator_gives_each_channel():
    for channel in plain_own_channels():
        section_slug, slug = channel_key(channel)
        expected = list(
            sample_items(
                f"{section_slug}/{slug}", sample_count(section_slug, slug), newest=SAMPLES_NEWEST, seed=SEED
            )
        )
        stored = [
            p
            for p in ArticlePage.objects.child_of(channel).order_by("-first_published_at", "-pk")
            if p.title.startswith(SAMPLE_MARK)
        ]
        assert [(p.title, p.slug, p.summary, p.first_published_at) for p in stored] == [
            (i.title, i.slug, i.summary, i.first_published_at) for i in expected
        ], channel.title
        assert [paragraphs_of(p) for p in stored] == [i.paragraphs for i in expected]
        assert [sorted(p.tags.names()) for p in stored] == [sorted(i.tags) for i in expected]


def test_picture_news_has_four_sample_pictures():
    pictured = ArticlePage.objects.filter(is_picture_news=True)
    assert pictured.count() == 4
    assert all(p.lead_image_id and p.lead_image_alt and p.title.startswith(SAMPLE_MARK) for p in pictured)


def test_tree_is_valid():
    assert Page.find_problems() == ([], [], [], [], [])


def snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        list(Page.objects.order_by("path").values_list("path", "numchild", "latest_revision_id")),
    )


def test_second_run_changes_nothing():
    before = snapshot()
    lines = []
    assert load_demo(progress=lines.append) is False
    assert lines == ["The demo site is already loaded; nothing changed."]
    assert snapshot() == before


def test_load_demo_command_when_already_loaded():
    before = snapshot()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert out.getvalue() == "The demo site is already loaded; nothing changed.\n"
    assert snapshot() == before


def test_load_demo_command_from_scratch_then_again(demo_home, settings, tmp_path):
    """Removes the demo (inside the test's transaction) and loads it again with the command."""
    settings.MEDIA_ROOT = tmp_path
    demo_home.delete()
    assert Page.objects.count() == 1
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert out.getvalue().splitlines() == [
        "Created the home page and the footer settings.",
        "[1/9] About Hengyang: 8 entries",
        "[2/9] Tourism: 6 entries",
        "[3/9] Investment: 8 entries",
        "[4/9] Life: 7 entries",
        "[5/9] Current News: 3 entries",
        "[6/9] E-Government: 5 entries",
        "[7/9] Online Service: 8 entries",
        "[8/9] User experience: 3 entries",
        "[9/9] Special Column: 5 entries",
        "Published the reference article in Current News > Hot News.",
        f"Generated {expected_sample_count()} sample items (each marked “[Sample]”).",
        "Added 4 sample pictures to picture news.",
        "The demo site is ready.",
        "Building the search index…",
        "Search index built.",
    ]
    assert ArticlePage.objects.filter(title__startswith=SAMPLE_MARK).count() == expected_sample_count()
    assert Page.find_problems() == ([], [], [], [], [])
    test_demo_samples_are_what_the_generator_gives_each_channel()

    before = snapshot()
    again = io.StringIO()
    call_command("load_demo", stdout=again)
    assert again.getvalue() == "The demo site is already loaded; nothing changed.\n"
    assert snapshot() == before

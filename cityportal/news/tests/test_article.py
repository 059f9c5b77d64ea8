"""The article page as visitors and search engines see it: title, From:, Date Add in:,
body blocks, Translator:, previous/next, related articles, lead image, OpenGraph and
schema.org NewsArticle data."""

import json

import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model

from cityportal.core.models import PortalIdentity
from cityportal.core.tests.utils import city_time, make_article, soup
from cityportal.core.tests.utils import text_of as text
from cityportal.demo import reference_article as ref
from cityportal.news.models import ChannelPage

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=cityportal-demo"


@pytest.fixture
def reference_page(client, reference_article):
    return soup(client.get(reference_article.url))


@pytest.fixture
def image(db):
    return get_image_model().objects.order_by("pk").first()


def test_the_reference_article_shows_title_source_date_and_translator(reference_page):
    article = reference_page.select_one("main article")
    assert text(article.h1) == ref.TITLE
    assert len(reference_page.select("h1")) == 1
    assert article.select_one(".article__source").get_text().strip() == f"From:{ref.SOURCE}"
    date = article.select_one(".article__date")
    assert text(date) == "Date Add in: 2024-05-18 23:14:41"
    assert date.time["datetime"] == "2024-05-18T23:14:41+08:00"
    assert text(article.select_one(".article__translator")) == "Translator: Jing"


def test_the_reference_article_body_has_every_paragraph_in_order(reference_page):
    paragraphs = [text(p) for p in reference_page.select(".article__body p")]
    assert paragraphs == [" ".join(p.split()) for p in ref.PARAGRAPHS]


def test_an_article_without_a_source_names_the_sites_default_source(client, hot_news, demo_home):
    identity = PortalIdentity.for_site(demo_home.get_site())
    identity.default_article_source = "Hengyang Information Office"
    identity.save()
    article = make_article(hot_news, "Without a source")
    page = soup(client.get(article.url))
    assert page.select_one(".article__source").get_text().strip() == "From:Hengyang Information Office"
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["author"]["name"] == "Hengyang Information Office"


def test_an_article_without_a_translator_has_no_translator_line(client, hot_news):
    page = soup(client.get(make_article(hot_news, "Not translated").url))
    assert page.select_one(".article__translator") is None
    assert "Translator:" not in text(page.select_one("main"))


def test_date_add_in_is_on_the_city_clock_even_across_midnight_utc(client, hot_news):
    # 01:30 in the city is 17:30 the day before in UTC.
    article = make_article(hot_news, "Just after midnight", at=city_time(2024, 7, 2, 1, 30, 5))
    page = soup(client.get(article.url))
    assert text(page.select_one(".article__date time")) == "2024-07-02 01:30:05"


def test_previous_and_next_link_to_neighbours_in_the_channel(client, hot_news):
    older = make_article(hot_news, "Older item", at=city_time(2030, 3, 1, 9, 0, 0))
    middle = make_article(hot_news, "Middle item", at=city_time(2030, 3, 2, 9, 0, 0))
    newer = make_article(hot_news, "Newer item", at=city_time(2030, 3, 3, 9, 0, 0))
    pager = soup(client.get(middle.url)).select_one("nav.article-pager")
    prev_link = pager.select_one(".article-pager__prev a")
    next_link = pager.select_one(".article-pager__next a")
    assert (text(prev_link), prev_link["href"], prev_link["rel"]) == ("Older item", older.url, ["prev"])
    assert (text(next_link), next_link["href"], next_link["rel"]) == ("Newer item", newer.url, ["next"])
    newest = soup(client.get(newer.url)).select_one("nav.article-pager")
    assert newest.select_one(".article-pager__next") is None


def test_the_reference_article_links_back_to_the_previous_hot_news_item(reference_page, reference_article):
    previous = reference_article.previous_in_channel()
    link = reference_page.select_one(".article-pager__prev a")
    assert (text(link), link["href"]) == (previous.title, previous.url)
    assert reference_page.select_one(".article-pager__next") is None


def test_related_articles_are_listed(client, hot_news):
    elsewhere = ChannelPage.objects.get(slug="investment-dynamic")
    article = make_article(hot_news, "Bridge opens")
    article.tags.add("xiangjiang-bridge")
    article.save_revision().publish()
    partner = make_article(elsewhere, "Bridge brings investors")
    partner.tags.add("xiangjiang-bridge")
    partner.save_revision().publish()
    related = soup(client.get(article.url)).select_one("section.related")
    assert text(related.h2) == "Related articles"
    links = related.select(".item-list a")
    assert (text(links[0]), links[0]["href"]) == ("Bridge brings investors", partner.url)
    assert len(links) == 5


def test_body_blocks_render_heading_image_quote_and_video(client, hot_news, image):
    Embed.objects.create(
        url=VIDEO_URL,
        max_width=None,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe src="https://www.youtube.com/embed/cityportal-demo" title="City video"></iframe>',
        title="City video",
        provider_name="YouTube",
    )
    body = [
        ("paragraph", "<p>Opening paragraph.</p>"),
        ("heading", {"text": "Next steps", "level": "h3"}),
        ("image", {"image": image, "alt_text": "A framed coloured panel", "caption": "The sample panel"}),
        ("quote", {"quote": "We will keep our word.", "attribution": "The mayor"}),
        ("video", {"video": VIDEO_URL, "title": "The city in two minutes", "transcript": "Aerial views."}),
    ]
    article = make_article(hot_news, "All the blocks", body=body)
    content = soup(client.get(article.url)).select_one(".article__body")
    assert text(content.select_one(".rich-text p")) == "Opening paragraph."
    assert text(content.h3) == "Next steps"
    figure = content.select_one("figure.body-image")
    assert figure.img["alt"] == "A framed coloured panel"
    assert figure.img["src"].startswith("/media/images/")
    assert text(figure.figcaption) == "The sample panel"
    quote = content.select_one("figure.body-quote")
    assert text(quote.blockquote) == "We will keep our word."
    assert text(quote.figcaption) == "— The mayor"
    video = content.select_one("figure.body-video")
    assert video.iframe["src"] == "https://www.youtube.com/embed/cityportal-demo"
    assert text(video.figcaption) == "The city in two minutes"
    assert text(video.select_one("details")) == "Transcript Aerial views."


def test_a_lead_image_is_shown_with_its_alternative_text(client, hot_news, image):
    article = make_article(hot_news, "With a picture", lead_image=image, lead_image_alt="Night market stalls")
    page = soup(client.get(article.url))
    img = page.select_one(".article__lead img")
    assert img["alt"] == "Night market stalls"
    assert img["src"].startswith("/media/images/")
    assert page.select_one('meta[property="og:image:alt"]')["content"] == "Night market stalls"
    assert page.select_one('meta[property="og:image"]')["content"].startswith("http://testserver/media/")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["image"].startswith("http://testserver/media/images/")


def test_an_article_without_a_lead_image_has_none(reference_page):
    assert reference_page.select_one(".article__lead") is None
    assert reference_page.select_one('meta[property="og:image"]') is None


def test_opengraph_tags_describe_the_article(reference_page, reference_article):
    def og(name):
        return reference_page.select_one(f'meta[property="{name}"]')["content"]

    assert og("og:title") == ref.TITLE
    assert og("og:type") == "article"
    assert og("og:url") == reference_article.full_url
    assert og("og:site_name") == "Hengyang Municipal People's Government"
    assert og("og:locale") == "en"
    assert og("article:published_time") == "2024-05-18T23:14:41+08:00"
    assert reference_page.select_one('link[rel="canonical"]')["href"] == reference_article.full_url


def test_the_page_carries_schema_org_news_article_data(reference_page, reference_article):
    scripts = reference_page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == ref.TITLE
    assert data["datePublished"] == "2024-05-18T23:14:41+08:00"
    assert data["author"] == {"@type": "Organization", "name": ref.SOURCE}
    assert data["translator"] == {"@type": "Person", "name": "Jing"}
    assert data["publisher"]["name"] == "Hengyang Municipal People's Government"
    assert data["mainEntityOfPage"] == reference_article.full_url
    assert data["description"].startswith("From May 15th to 16th")


def test_structured_data_cannot_break_out_of_its_script_element(client, hot_news):
    article = make_article(hot_news, "Title with </script><b>markup</b> & more", translator="A </script>")
    page = client.get(article.url).content.decode()
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    payload = page[start : page.index("</script>", start)]
    data = json.loads(payload)
    assert data["headline"] == "Title with </script><b>markup</b> & more"
    assert data["translator"]["name"] == "A </script>"


def test_an_unpublished_article_is_not_found(client, reference_article):
    reference_article.unpublish()
    response = client.get(reference_article.url)
    assert response.status_code == 404

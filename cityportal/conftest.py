"""Fixtures for unit and integration tests inside the Django test database."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the demo site, loaded once per test process;
    each test runs in a transaction that is rolled back, so tests cannot disturb it."""
    from cityportal.demo.loader import load_demo

    with django_db_blocker.unblock():
        load_demo(progress=lambda line: None)
        call_command("update_index", verbosity=0)


@pytest.fixture
def demo_home(db):
    from cityportal.demo.loader import demo_home

    return demo_home()


@pytest.fixture
def reference_article(db):
    from cityportal.demo import reference_article
    from cityportal.news.models import ArticlePage

    return ArticlePage.objects.get(slug=reference_article.SLUG)


@pytest.fixture
def hot_news(db):
    from cityportal.news.models import ChannelPage

    return ChannelPage.objects.get(slug="hot-news")


@pytest.fixture(autouse=True)
def english_interface():
    """Each test starts in the default language: Django keeps the language a request
    activated (say /zh-hans/) for the rest of the thread, which would leak into the
    next test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()

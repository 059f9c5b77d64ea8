import importlib

import pytest
from django.apps import apps
from wagtail.models import Locale

pytestmark = pytest.mark.django_db

content_locales = importlib.import_module("cityportal.core.migrations.0002_content_locales")


def test_every_content_language_has_a_locale():
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"en", "zh-hans"}


def test_the_locale_migration_recreates_a_missing_locale_and_is_repeatable():
    Locale.objects.filter(language_code="zh-hans").delete()
    content_locales.create_locales(apps, None)
    content_locales.create_locales(apps, None)
    assert Locale.objects.filter(language_code="zh-hans").count() == 1

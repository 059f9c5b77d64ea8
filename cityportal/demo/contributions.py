"""How other apps give demo channels their own page type and content.

An app that wants a channel of the demo site to be, say, a document library instead of
a plain list of articles adds a module ``cityportal/<app>/demo.py`` with:

``CHANNELS``
    ``{(section_slug, channel_slug): factory}``. ``factory(title=, slug=, chinese_name=)``
    returns an unsaved page to create in that place of the tree instead of a plain
    ``ChannelPage`` (usually a ``ChannelPage`` subclass, but any page type whose
    ``parent_page_types`` admit a section). The loader publishes it and gives it no
    generic "[Sample]" articles.

``populate(channels, home, progress)``
    Called once the tree exists: ``channels`` maps every (section, channel) slug pair to
    its page (specific instance); the function adds the app's sample content. It must be
    deterministic and mark sample content plainly as sample.

Contributions run in INSTALLED_APPS order. The helpers below (``CITY_TZ``,
``channel_factory``, ``publish_at``) are what the apps' demo modules have in common.
"""

import importlib
import importlib.util
from collections.abc import Callable
from datetime import datetime
from types import ModuleType
from zoneinfo import ZoneInfo

from django.apps import apps
from wagtail.models import Page

ChannelFactory = Callable[..., Page]

# The demo city's clock: demo dates are written as Hengyang reads them.
CITY_TZ = ZoneInfo("Asia/Shanghai")


def channel_factory(model: type[Page], introductions: dict[str, str] | None = None) -> ChannelFactory:
    """A ``CHANNELS`` factory making a ``model`` page; with ``introductions``, the page
    gets the introduction written for its slug."""

    def factory(*, title: str, slug: str, chinese_name: str = "") -> Page:
        page = model(title=title, slug=slug, chinese_name=chinese_name)
        if introductions is not None:
            page.introduction = f"<p>{introductions[slug]}</p>"
        return page

    return factory


def publish_at(parent: Page, page: Page, at: datetime) -> Page:
    """Adds ``page`` under ``parent`` and publishes it as first and last published at
    ``at``, so that every load of the demo gives the same dates."""
    page.first_published_at = at
    parent.add_child(instance=page)
    page.save_revision().publish()
    # Publishing stamps "now" as the last publication.
    type(page).objects.filter(pk=page.pk).update(last_published_at=at, latest_revision_created_at=at)
    page.refresh_from_db()
    return page


def contribution_modules() -> list[ModuleType]:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("cityportal.") or config.name == "cityportal.demo":
            continue
        name = f"{config.name}.demo"
        if importlib.util.find_spec(name) is not None:
            modules.append(importlib.import_module(name))
    return modules


def channel_factories(modules: list[ModuleType]) -> dict[tuple[str, str], ChannelFactory]:
    factories: dict[tuple[str, str], ChannelFactory] = {}
    for module in modules:
        for key, factory in getattr(module, "CHANNELS", {}).items():
            if key in factories:
                raise ValueError(f"Two apps claim the demo channel {key}: {module.__name__} and another")
            factories[key] = factory
    return factories

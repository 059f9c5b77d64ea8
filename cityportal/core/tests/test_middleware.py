"""TreeVersionMiddleware: the request's site and the portal's identity come from the
per-process cache, and a change to either shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cityportal.core.models import PortalIdentity

pytestmark = pytest.mark.django_db


def tables_read(client, url: str) -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return " ".join(query["sql"] for query in queries.captured_queries)


def test_the_site_and_identity_are_not_read_again_until_they_change(client, reference_article):
    url = reference_article.url
    tables_read(client, url)  # fills the cache
    again = tables_read(client, url)
    assert '"wagtailcore_site"' not in again and '"core_portalidentity"' not in again
    identity = PortalIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.site_name = "Renamed portal"
    identity.save()
    page = client.get(url).content.decode()
    assert "Renamed portal" in page
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Another name"
    site.save()
    assert '"wagtailcore_site"' in tables_read(client, url)


def test_a_host_the_server_does_not_answer_to_is_refused_and_not_kept(client, reference_article, settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    assert client.get(reference_article.url, HTTP_HOST="attacker.example").status_code == 400
    from cityportal.core import tree_version

    assert not [key for key in tree_version._cache if "attacker.example" in key]

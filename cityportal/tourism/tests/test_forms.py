"""Editing tourism pages in the Wagtail admin, as editors do: Top Eight Attractions says
so when more than eight (or one twice) are chosen; attractions need coordinates in range
and alternative text on every gallery picture; a route needs a stop."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cityportal.tourism.models import AttractionPage, TopAttractionsPage, TouristRoutePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def top_eight():
    return TopAttractionsPage.objects.get(slug="top-eight-attractions")


def messages_shown(response) -> str:
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(" ".join(m.get_text(" ").split()) for m in page.select(".messages"))


def top_eight_form(page: TopAttractionsPage, attraction_ids: list[int]) -> dict:
    """The edit form with ``attraction_ids`` chosen, in that order, as an editor leaves it
    after removing the current choices (still posted, marked for deletion) and choosing anew."""
    current = [
        {"id": slot.pk, "attraction": slot.attraction_id, "ORDER": n, "DELETE": "on"}
        for n, slot in enumerate(page.top_attractions.order_by("sort_order"))
    ]
    chosen = [{"attraction": pk, "ORDER": len(current) + n} for n, pk in enumerate(attraction_ids)]
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "chinese_name": page.chinese_name,
            "introduction": rich_text(page.introduction),
            "top_attractions": inline_formset(current + chosen, initial=len(current)),
            "seo_title": "",
            "search_description": "",
            "show_in_menus": "on",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
            "action-publish": "1",
        }
    )


def test_the_admin_says_so_when_more_than_eight_attractions_are_chosen(admin_client, top_eight):
    extra = AttractionPage(title="Ninth", slug="ninth", address="Somewhere", description=[])
    top_eight.add_child(instance=extra)
    ids = [slot.attraction_id for slot in top_eight.top_attractions.order_by("sort_order")] + [extra.pk]
    url = reverse("wagtailadmin_pages:edit", args=[top_eight.pk])
    response = admin_client.post(url, top_eight_form(top_eight, ids))
    assert response.status_code == 200
    expected = "Top Eight Attractions shows at most 8 attractions, and 9 are chosen: remove 1."
    assert expected in response.context["form"].non_field_errors()
    assert expected in messages_shown(response)
    assert TopAttractionsPage.objects.get(pk=top_eight.pk).top_attractions.count() == 8


def test_the_admin_refuses_an_attraction_chosen_twice(admin_client, top_eight):
    ids = [slot.attraction_id for slot in top_eight.top_attractions.order_by("sort_order")][:3]
    url = reverse("wagtailadmin_pages:edit", args=[top_eight.pk])
    response = admin_client.post(url, top_eight_form(top_eight, [*ids, ids[0]]))
    assert response.status_code == 200
    title = AttractionPage.objects.get(pk=ids[0]).title
    assert (
        f"“{title}” is chosen twice: choose each attraction once."
        in response.context["form"].non_field_errors()
    )


def test_the_admin_publishes_a_new_order_of_eight(admin_client, top_eight, client):
    ids = [slot.attraction_id for slot in top_eight.top_attractions.order_by("sort_order")]
    url = reverse("wagtailadmin_pages:edit", args=[top_eight.pk])
    new_order = ids[::-1]
    response = admin_client.post(url, top_eight_form(top_eight, new_order))
    assert response.status_code == 302, response.context["form"].errors
    page = TopAttractionsPage.objects.get(pk=top_eight.pk)
    assert [p.pk for p in page.chosen_attractions()] == new_order


def attraction_form(**changes) -> dict:
    fields = {
        "title": "Admin Garden",
        "slug": "admin-garden",
        "summary": "",
        "description": streamfield([("paragraph", rich_text("<p>A garden.</p>"))]),
        "address": "1 Garden Road",
        "opening_hours": "",
        "tickets": "",
        "getting_there": "",
        "latitude": "27.25",
        "longitude": "112.7",
        "gallery": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
        "action-publish": "1",
    }
    fields.update(changes)
    return nested_form_data(fields)


def add_attraction_url(top_eight) -> str:
    return reverse("wagtailadmin_pages:add", args=["tourism", "attractionpage", top_eight.pk])


def test_the_admin_refuses_a_latitude_out_of_range_and_keeps_what_was_typed(admin_client, top_eight):
    response = admin_client.post(add_attraction_url(top_eight), attraction_form(latitude="127.25"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["latitude"] == ["Latitude must be between -90 and 90 degrees."]
    assert form["latitude"].value() == "127.25"
    assert not AttractionPage.objects.filter(slug="admin-garden").exists()


def test_the_admin_refuses_a_gallery_picture_without_alternative_text(admin_client, top_eight):
    image = get_image_model().objects.order_by("pk").first()
    gallery = streamfield([("image", {"image": image.pk, "alt_text": "", "caption": "A pond"})])
    response = admin_client.post(add_attraction_url(top_eight), attraction_form(gallery=gallery))
    assert response.status_code == 200
    assert "gallery" in response.context["form"].errors
    gallery = streamfield(
        [("image", {"image": image.pk, "alt_text": "A pond with lotus leaves", "caption": ""})]
    )
    response = admin_client.post(add_attraction_url(top_eight), attraction_form(gallery=gallery))
    assert response.status_code == 302, response.context["form"].errors
    page = AttractionPage.objects.get(slug="admin-garden")
    assert page.live and page.gallery[0].value["alt_text"] == "A pond with lotus leaves"


def test_publishing_a_route_needs_a_stop(admin_client):
    channel = TouristRoutePage.objects.first().get_parent()
    url = reverse("wagtailadmin_pages:add", args=["tourism", "touristroutepage", channel.pk])
    data = {
        "title": "Empty route",
        "slug": "empty-route",
        "summary": "",
        "duration": "One day",
        "introduction": rich_text(""),
        "stops": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
        "action-publish": "1",
    }
    response = admin_client.post(url, nested_form_data(data))
    assert response.status_code == 200
    assert not TouristRoutePage.objects.filter(slug="empty-route").exists()
    attraction = AttractionPage.objects.get(slug="shigu-academy")
    data["stops"] = inline_formset([{"attraction": attraction.pk, "notes": "Morning."}])
    response = admin_client.post(url, nested_form_data(data))
    assert response.status_code == 302, response.context["form"].errors
    route = TouristRoutePage.objects.get(slug="empty-route")
    assert [s.attraction_id for s in route.visible_stops()] == [attraction.pk]

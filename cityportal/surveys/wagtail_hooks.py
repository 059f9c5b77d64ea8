"""Admin additions of the surveys app: the "Survey results" menu entry and views, a
"Survey results" button on survey pages, and the permission that guards them."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from cityportal.surveys import admin_views
from cityportal.surveys.models import SurveyPage


class SurveyResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_responses(request.user)


@hooks.register("register_admin_urls")
def register_survey_admin_urls():
    urls = [
        path("", admin_views.SurveyListView.as_view(), name="index"),
        path("<int:page_id>/", admin_views.SurveyResultsView.as_view(), name="results"),
        path("<int:page_id>/responses.csv", admin_views.export_csv, name="export"),
    ]
    return [path("surveys/", include((urls, "surveys_admin"), namespace="surveys_admin"))]


@hooks.register("register_admin_menu_item")
def register_survey_results_menu_item():
    return SurveyResultsMenuItem(
        _("Survey results"),
        reverse("surveys_admin:index"),
        name="survey-results",
        icon_name="tasks",
        order=450,
    )


@hooks.register("register_permissions")
def register_survey_permissions():
    # Shown on the group edit form, so that administrators can grant it to a group.
    return Permission.objects.filter(content_type__app_label="surveys", codename="view_surveyresponse")


def _results_button(page, user, priority: int):
    if issubclass(page.specific_class or type(page), SurveyPage) and admin_views.may_see_responses(user):
        yield Button(
            _("Survey results"),
            reverse("surveys_admin:results", args=[page.pk]),
            icon_name="tasks",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def survey_listing_buttons(page, user, next_url=None):
    yield from _results_button(page, user, priority=45)


@hooks.register("register_page_header_buttons")
def survey_header_buttons(page, user, view_name, next_url=None):
    yield from _results_button(page, user, priority=45)

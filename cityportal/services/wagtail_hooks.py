"""Admin additions of the services app: the "Guides due for review" report."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cityportal.services.reports import EDITOR_PERMISSIONS, GuidesDueForReviewView


class GuidesDueMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(request.user, EDITOR_PERMISSIONS)


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        path("", GuidesDueForReviewView.as_view(), name="guides_due"),
        path("results/", GuidesDueForReviewView.as_view(results_only=True), name="guides_due_results"),
    ]
    return [path("reports/guides-due/", include((urls, "services_reports"), namespace="services_reports"))]


@hooks.register("register_reports_menu_item")
def register_guides_due_menu_item():
    return GuidesDueMenuItem(
        _("Guides due for review"),
        reverse("services_reports:guides_due"),
        name="guides-due-for-review",
        icon_name="date",
        order=1310,
    )

"""Admin additions of the news app: the "Empty channels" report."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cityportal.news.reports import EDITOR_PERMISSIONS, EmptyChannelsReportView


class EmptyChannelsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(request.user, EDITOR_PERMISSIONS)


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        path("", EmptyChannelsReportView.as_view(), name="empty_channels"),
        path("results/", EmptyChannelsReportView.as_view(results_only=True), name="empty_channels_results"),
    ]
    return [path("reports/empty-channels/", include((urls, "news_reports"), namespace="news_reports"))]


@hooks.register("register_reports_menu_item")
def register_empty_channels_menu_item():
    return EmptyChannelsMenuItem(
        _("Empty channels"),
        reverse("news_reports:empty_channels"),
        name="empty-channels",
        icon_name="folder-open-inverse",
        order=1300,
    )

"""Admin additions of the publishing app: the "Published site" report."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cityportal.publishing.views import PublishedSiteReportView


class AdministratorsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [path("", PublishedSiteReportView.as_view(), name="report")]
    return [path("reports/published-site/", include((urls, "publishing"), namespace="publishing"))]


@hooks.register("register_reports_menu_item")
def register_published_site_menu_item():
    return AdministratorsOnlyMenuItem(
        _("Published site"), reverse("publishing:report"), name="published-site", icon_name="site", order=1400
    )

"""The "Guides due for review" admin report: service guides whose last review is older
than CITYPORTAL_GUIDE_REVIEW_MONTHS (12 by default), so editors check them against the
current rules."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView

from cityportal.core.items import parents_of
from cityportal.services.models import ServiceGuidePage, review_period_months

# Who may see the report: anyone who can add, edit or publish some page.
EDITOR_PERMISSIONS = ["add", "change", "publish"]


class GuidesDueForReviewView(PageReportView):
    page_title = _("Guides due for review")
    header_icon = "date"
    results_template_name = "services/reports/guides_due_results.html"
    index_url_name = "services_reports:guides_due"
    index_results_url_name = "services_reports:guides_due_results"
    any_permission_required = EDITOR_PERMISSIONS
    export_headings = {
        "title": _("Guide"),
        "channel_title": _("Channel"),
        "last_reviewed": _("Last reviewed"),
        "review_deadline": _("Review was due by"),
        "status_string": _("Status"),
        "full_url": _("Address"),
    }
    list_export = ["title", "channel_title", "last_reviewed", "review_deadline", "status_string", "full_url"]

    def get_filename(self):
        # The city's date, not the server's.
        return f"guides-due-for-review-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        self.queryset = ServiceGuidePage.due_for_review().filter(pk__in=editable.values("pk"))
        return super().get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["review_months"] = review_period_months()
        return context

    def decorate_paginated_queryset(self, object_list):
        guides = list(object_list)
        channels = parents_of(guides)
        for guide in guides:
            guide.channel = channels[guide.pk]
            guide.channel_title = guide.channel.title if guide.channel else ""
        return guides

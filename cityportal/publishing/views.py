"""The admin's "Published site" report: publishing failures, integrity findings and
the state of the public directory, for administrators."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from cityportal.publishing import units
from cityportal.publishing.models import IntegrityFinding, PublishedFile, PublishFailure

RECENT_FINDINGS = 200


class PublishedSiteReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Published site")
    header_icon = "site"
    template_name = "publishing/published_site_report.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse_lazy("publishing:report"), "label": self.get_page_title()}
        ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        totals = PublishedFile.objects.aggregate(files=Count("pk"), size=Sum("size"))
        latest = (
            PublishedFile.objects.order_by("-published_at").values_list("published_at", flat=True).first()
        )
        context.update(
            public_dir=units.public_dir(),
            file_count=totals["files"],
            total_size=totals["size"] or 0,
            last_published=latest,
            failures=PublishFailure.objects.all(),
            unrepaired=IntegrityFinding.objects.filter(repaired_at=None),
            findings=IntegrityFinding.objects.all()[:RECENT_FINDINGS],
        )
        return context

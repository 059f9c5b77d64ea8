"""Admin reports about the news structure: "Empty channels" lists the channels that
show visitors nothing, so editors can fill them (or hide them from the menu)."""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView

from cityportal.core.items import parents_of
from cityportal.news.models import ChannelPage

# Who may see the report: anyone who can add, edit or publish some page.
EDITOR_PERMISSIONS = ["add", "change", "publish"]


class EmptyChannelsReportView(PageReportView):
    page_title = _("Empty channels")
    header_icon = "folder-open-inverse"
    results_template_name = "news/reports/empty_channels_results.html"
    index_url_name = "news_reports:empty_channels"
    index_results_url_name = "news_reports:empty_channels_results"
    any_permission_required = EDITOR_PERMISSIONS
    export_headings = {
        "title": _("Channel"),
        "section_title": _("Section"),
        "full_url": _("Address"),
        "status_string": _("Status"),
        "get_listing_source_display": _("Lists"),
    }
    list_export = ["title", "section_title", "get_listing_source_display", "status_string", "full_url"]

    def get_filename(self):
        return f"empty-channels-{datetime.date.today().isoformat()}"

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        self.queryset = (
            ChannelPage.without_live_items(ChannelPage.objects.filter(pk__in=editable.values("pk")))
            .select_related("locale")
            .order_by("path")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        channels = list(object_list)
        sections = parents_of(channels)
        for channel in channels:
            channel.section = sections[channel.pk]
            channel.section_title = channel.section.title if channel.section else ""
            # The generic "add subpage" view offers the item types this channel accepts
            # (articles, guides, documents...), or goes straight to the only one.
            channel.can_add_item = (
                channel.listing_source == ChannelPage.LISTING_OWN
                and channel.permissions_for_user(self.request.user).can_add_subpage()
            )
        return channels

"""Admin additions of the mailbox: the "Mailbox" menu (letters, routing table, holiday
calendar), the letter views, the dashboard panel of letters overdue or due soon, and the
mailbox permissions on the group edit form."""

from django import forms
from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from cityportal.mailbox import access, admin_views, deadlines
from cityportal.mailbox.models import CalendarDay, RoutingRule

MENU_HOOK = "register_mailbox_menu_item"
DASHBOARD_LETTERS = 10


@hooks.register("register_admin_urls")
def register_mailbox_admin_urls():
    urls = [
        path("", admin_views.LetterIndexView.as_view(), name="index"),
        path("export/", admin_views.ExportView.as_view(), name="export"),
        path("<int:pk>/", admin_views.LetterDetailView.as_view(), name="detail"),
        path(
            "<int:pk>/<str:action>/",
            admin_views.LetterActionView.as_view(),
            name="action",
        ),
        path(
            "<int:pk>/attachments/<int:attachment_pk>/",
            admin_views.AttachmentView.as_view(),
            name="attachment",
        ),
    ]
    return [path("mailbox/letters/", include((urls, "mailbox_admin"), namespace="mailbox_admin"))]


class LettersMenuItem(MenuItem):
    def is_shown(self, request):
        return access.has_mailbox_access(request.user)


mailbox_menu = Menu(register_hook_name=MENU_HOOK, construct_hook_name="construct_mailbox_menu")


@hooks.register("register_admin_menu_item")
def register_mailbox_menu():
    return SubmenuMenuItem(_("Mailbox"), mailbox_menu, name="mailbox", icon_name="mail", order=460)


@hooks.register(MENU_HOOK)
def register_letters_menu_item():
    return LettersMenuItem(
        _("Letters"), reverse("mailbox_admin:index"), name="mailbox-letters", icon_name="mail", order=100
    )


class RoutingRuleForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cityportal.mailbox.forms import department_choices

        self.fields["department"] = forms.ModelChoiceField(
            queryset=department_choices(),
            required=False,
            label=RoutingRule._meta.get_field("department").verbose_name,
            help_text=RoutingRule._meta.get_field("department").help_text,
        )


class RoutingRuleViewSet(ModelViewSet):
    model = RoutingRule
    icon = "redirect"
    menu_label = _("Routing table")
    menu_order = 200
    form_fields = ["letter_type", "department", "working_days"]
    list_display = ["letter_type", "department", "working_days"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return type(
            "RoutingRuleAdminForm",
            (RoutingRuleForm,),
            {"Meta": type("Meta", (), {"model": RoutingRule, "fields": self.form_fields})},
        )


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Holiday calendar")
    menu_order = 300
    form_fields = ["date", "kind", "name"]
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    ordering = ["-date"]
    copy_view_enabled = False
    list_per_page = 50


routing_viewset = RoutingRuleViewSet("mailbox_routing", url_prefix="mailbox/routing")
calendar_viewset = CalendarDayViewSet("mailbox_calendar", url_prefix="mailbox/calendar")
for _viewset in (routing_viewset, calendar_viewset):
    # In the Mailbox submenu rather than at the top of the admin menu.
    _viewset.menu_hook = MENU_HOOK


@hooks.register("register_admin_viewset")
def register_routing_viewset():
    return routing_viewset


@hooks.register("register_admin_viewset")
def register_calendar_viewset():
    return calendar_viewset


@hooks.register("register_permissions")
def register_mailbox_permissions():
    # Shown on the group edit form, so that administrators can grant them to a group.
    return Permission.objects.filter(
        content_type__app_label="mailbox", codename__in=["administer_letters", "review_replies"]
    )


class LettersDuePanel(Component):
    """The dashboard panel: the user's letters that are overdue or due soon."""

    name = "mailbox_letters_due"
    template_name = "mailbox/admin/dashboard_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        letters = access.visible_letters(self.request.user).select_related("department")
        flagged = deadlines.flagged(letters)
        overdue = [f for f in flagged if f.flag.kind == deadlines.OVERDUE]
        due_soon = [f for f in flagged if f.flag.kind == deadlines.DUE_SOON]
        return {
            "flagged": flagged[:DASHBOARD_LETTERS],
            "overdue_count": len(overdue),
            "due_soon_count": len(due_soon),
            "more": max(0, len(flagged) - DASHBOARD_LETTERS),
            "index_url": reverse("mailbox_admin:index"),
            "request": self.request,
        }


@hooks.register("construct_homepage_panels")
def add_letters_due_panel(request, panels):
    if access.has_mailbox_access(request.user):
        panels.append(LettersDuePanel(request))

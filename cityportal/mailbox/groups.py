"""The least-privilege groups of the mailbox.

- "Mailbox administrators": admin access, ``administer_letters``, ``review_replies``,
  the routing table and holiday calendar (add, change, delete, view) and the mailbox
  settings. No page permissions.
- "Mailbox reviewers": admin access and ``review_replies``. Nothing else.
- Each department's staff group (the directory's ``DepartmentPage.staff_group``): admin
  access only; which letters they see follows from being that department's group.

The data migration creates the first two; ``manage.py mailbox_groups`` (and the demo)
also give every department a staff group with admin access. Run it again after adding
departments.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

ADMINISTRATORS = "Mailbox administrators"
REVIEWERS = "Mailbox reviewers"
ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")

ADMINISTRATOR_PERMISSIONS = [
    ACCESS_ADMIN,
    ("mailbox", "letter", "administer_letters"),
    ("mailbox", "letter", "review_replies"),
    *[("mailbox", "routingrule", f"{action}_routingrule") for action in ("add", "change", "delete", "view")],
    *[("mailbox", "calendarday", f"{action}_calendarday") for action in ("add", "change", "delete", "view")],
    ("mailbox", "mailboxsettings", "change_mailboxsettings"),
]
REVIEWER_PERMISSIONS = [ACCESS_ADMIN, ("mailbox", "letter", "review_replies")]
DEPARTMENT_PERMISSIONS = [ACCESS_ADMIN]


def _permissions(permission_model, specs) -> list:
    found = []
    for app_label, model, codename in specs:
        permission = permission_model.objects.filter(
            content_type__app_label=app_label, content_type__model=model, codename=codename
        ).first()
        if permission is None:
            raise LookupError(f"permission {app_label}.{codename} is missing: run migrate first")
        found.append(permission)
    return found


def ensure_role_groups(group_model=Group, permission_model=Permission) -> dict[str, object]:
    """Creates the administrators' and reviewers' groups with exactly their permissions
    added (permissions given to them by hand are left alone)."""
    groups = {}
    for name, specs in ((ADMINISTRATORS, ADMINISTRATOR_PERMISSIONS), (REVIEWERS, REVIEWER_PERMISSIONS)):
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(permission_model, specs))
        groups[name] = group
    return groups


def grant_department_access(group: Group) -> None:
    group.permissions.add(*_permissions(Permission, DEPARTMENT_PERMISSIONS))


@transaction.atomic
def ensure_mailbox_groups(progress=None) -> list[str]:
    """The role groups, and a staff group with admin access for every department.
    Returns what was done, one line each."""
    from cityportal.directory.models import DepartmentPage

    lines = []
    for name in ensure_role_groups():
        lines.append(f"{name}: ready")
    for department in DepartmentPage.objects.order_by("path"):
        had_group = department.staff_group_id is not None
        group = department.ensure_staff_group()
        grant_department_access(group)
        lines.append(f"{department.title}: {'uses' if had_group else 'created'} “{group.name}”")
    if progress is not None:
        for line in lines:
            progress(line)
    return lines

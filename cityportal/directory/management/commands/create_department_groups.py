"""Gives every department a staff group for the Mailbox of Government."""

from django.core.management.base import BaseCommand

from cityportal.directory.models import DepartmentPage


class Command(BaseCommand):
    help = (
        "Creates the staff group “<department name> staff” (with no permissions) for every "
        "department that has none, and links it. Departments that have one are left alone."
    )

    def handle(self, *args, **options) -> None:
        created = 0
        for department in DepartmentPage.objects.order_by("path").select_related("staff_group"):
            if department.staff_group_id:
                self.stdout.write(f"{department.title}: already has “{department.staff_group.name}”.")
                continue
            group = department.ensure_staff_group()
            created += 1
            self.stdout.write(f"{department.title}: linked to “{group.name}”.")
        self.stdout.write(self.style.SUCCESS(f"{created} department(s) got a staff group."))

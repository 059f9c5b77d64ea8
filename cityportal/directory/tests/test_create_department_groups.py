"""The create_department_groups command gives departments their mailbox staff groups."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from cityportal.directory.models import DepartmentPage
from cityportal.directory.tests.conftest import make_department

pytestmark = pytest.mark.django_db


def run() -> list[str]:
    out = io.StringIO()
    call_command("create_department_groups", stdout=out)
    return out.getvalue().splitlines()


def test_departments_without_a_group_get_one_and_the_rest_are_left_alone(empty_departments):
    before = {d.pk: d.staff_group_id for d in DepartmentPage.objects.all()}
    make_department(empty_departments, "Harbour Office")
    make_department(empty_departments, "Bridge Office")
    lines = run()
    assert "Harbour Office: linked to “Harbour Office staff”." in lines
    assert "Bridge Office: linked to “Bridge Office staff”." in lines
    assert lines[-1] == "2 department(s) got a staff group."
    harbour = DepartmentPage.objects.get(title="Harbour Office")
    assert harbour.staff_group.name == "Harbour Office staff"
    assert harbour.staff_group.permissions.count() == 0
    # Departments that had a group keep it.
    assert {pk: DepartmentPage.objects.get(pk=pk).staff_group_id for pk in before} == before


def test_running_it_again_changes_nothing(empty_departments):
    make_department(empty_departments, "Harbour Office")
    run()
    groups = Group.objects.count()
    lines = run()
    assert "Harbour Office: already has “Harbour Office staff”." in lines
    assert lines[-1] == "0 department(s) got a staff group."
    assert Group.objects.count() == groups

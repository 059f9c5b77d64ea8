"""Staff side: the results with free-text answers, the CSV export and who may see them."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from cityportal.surveys.models import SurveyPage, SurveyResponse
from cityportal.surveys.tests.conftest import MULTI, RATING, SINGLE, TEXT, valid_answers

pytestmark = pytest.mark.django_db


def staff_client(django_user_model, *, with_permission: bool, username: str = "editor") -> Client:
    """A member of Wagtail's "Editors" group (admin access, page editing), with or
    without the permission to read survey responses."""
    user = django_user_model.objects.create_user(username, password="pw-for-tests")
    user.groups.add(Group.objects.get(name="Editors"))
    if with_permission:
        user.user_permissions.add(Permission.objects.get(codename="view_surveyresponse"))
    client = Client()
    client.force_login(user)
    return client


def answer(survey, address: str, **changes) -> None:
    response = Client(REMOTE_ADDR=address).post(survey.url, valid_answers(**changes))
    assert response.status_code == 302


def export(client, survey):
    return client.get(f"/admin/surveys/{survey.pk}/responses.csv")


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_an_editor_without_survey_permission_is_refused(django_user_model, survey):
    answer(survey, "10.0.0.1", **{TEXT: "Private remark"})
    editor = staff_client(django_user_model, with_permission=False)
    assert editor.get("/admin/").status_code == 200  # a real editor, with admin access
    for address in (
        "/admin/surveys/",
        f"/admin/surveys/{survey.pk}/",
        f"/admin/surveys/{survey.pk}/responses.csv",
    ):
        response = editor.get(address)
        assert response.status_code == 302, address
        assert response["Location"] == "/admin/"
        assert b"Private remark" not in response.content
    dashboard = editor.get("/admin/", follow=True)
    assert "Survey results" not in dashboard.content.decode()


def test_visitors_are_sent_to_the_login(client, survey):
    response = client.get(f"/admin/surveys/{survey.pk}/responses.csv")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_export_has_one_row_per_response(django_user_model, survey):
    answer(survey, "10.0.0.1")
    answer(
        survey,
        "10.0.0.2",
        **{SINGLE: "s1", MULTI: ["m2", "m4"], RATING: "5", TEXT: "Line one\nline two, with a comma"},
    )
    editor = staff_client(django_user_model, with_permission=True)
    response = export(editor, survey)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="survey-test-survey-')
    assert "no-store" in response["Cache-Control"]
    rows = read_csv(response)
    assert rows[0] == [
        "Response",
        "Sent at (Asia/Shanghai)",
        "How did you hear of the portal?",
        "Which sections do you read?",
        "How do you rate the portal?",
        "What would you change?",
    ]
    first, second = SurveyResponse.objects.filter(survey=survey).order_by("pk")
    assert [r[0] for r in rows[1:]] == [str(first.pk), str(second.pk)]
    assert rows[1][2:] == ["A search engine", "News; Investment", "4", "More maps."]
    assert rows[2][2:] == ["A friend", "Tourism; Life", "5", "Line one\nline two, with a comma"]
    assert len(rows[1][1]) == len("2024-06-01 09:00:00")


def test_the_export_cannot_smuggle_spreadsheet_formulas(django_user_model, survey):
    answer(survey, "10.0.0.1", **{TEXT: '=HYPERLINK("http://example.com","click")'})
    answer(survey, "10.0.0.2", **{TEXT: "+1 more"})
    rows = read_csv(export(staff_client(django_user_model, with_permission=True), survey))
    assert rows[1][5] == '\'=HYPERLINK("http://example.com","click")'
    assert rows[2][5] == "'+1 more"


def test_answers_to_removed_questions_stay_in_the_export(django_user_model, survey):
    answer(survey, "10.0.0.1", **{SINGLE: "s3"})
    del survey.questions[0].value["options"][2]  # "A poster"
    del survey.questions[3]  # the free-text question
    survey.save_revision().publish()
    survey.refresh_from_db()
    rows = read_csv(export(staff_client(django_user_model, with_permission=True), survey))
    assert rows[0][2:] == [
        "How did you hear of the portal?",
        "Which sections do you read?",
        "How do you rate the portal?",
        "What would you change? (removed)",
    ]
    assert rows[1][2:] == ["A poster", "News; Investment", "4", "More maps."]


def test_the_results_view_shows_free_text_to_staff(django_user_model, survey):
    answer(survey, "10.0.0.1", **{TEXT: "Please add <b>maps</b>"})
    editor = staff_client(django_user_model, with_permission=True)
    page = editor.get(f"/admin/surveys/{survey.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Please add &lt;b&gt;maps&lt;/b&gt;" in body
    assert "1 written answer." in body
    assert f"/admin/surveys/{survey.pk}/responses.csv" in body
    listing = editor.get("/admin/surveys/").content.decode()
    assert survey.title in listing and f"/admin/surveys/{survey.pk}/" in listing
    assert "Survey results" in editor.get("/admin/").content.decode()


def test_an_unknown_survey_is_not_found(admin_client):
    # (The locale middleware first tries the address under /en/, then gives up.)
    assert admin_client.get("/admin/surveys/999999/", follow=True).status_code == 404
    assert admin_client.get("/admin/surveys/999999/responses.csv", follow=True).status_code == 404


def test_survey_pages_get_a_results_button_in_the_page_listing(admin_client, survey):
    explorer = admin_client.get(f"/admin/pages/{survey.get_parent().pk}/").content.decode()
    assert f"/admin/surveys/{survey.pk}/" in explorer


def test_the_permission_can_be_given_to_a_group(admin_client):
    editors = Group.objects.get(name="Editors")
    form = admin_client.get(f"/admin/groups/edit/{editors.pk}/").content.decode()
    permission = Permission.objects.get(codename="view_surveyresponse")
    assert f'value="{permission.pk}"' in form


def test_the_demo_survey_exports_all_its_sample_responses(admin_client):
    survey = SurveyPage.objects.get(slug="how-useful-is-the-english-portal")
    rows = read_csv(export(admin_client, survey))
    assert len(rows) == 1 + survey.responses.count() == 37


def test_editors_can_open_the_survey_forms_in_the_admin(admin_client, survey, survey_index):
    for address in (
        f"/admin/pages/{survey.pk}/edit/",
        f"/admin/pages/{survey_index.pk}/edit/",
        f"/admin/pages/add/surveys/surveypage/{survey_index.pk}/",
    ):
        response = admin_client.get(address)
        assert response.status_code == 200, address
    body = admin_client.get(f"/admin/pages/{survey.pk}/edit/").content.decode()
    assert "Publish the results" in body and "Single choice" in body

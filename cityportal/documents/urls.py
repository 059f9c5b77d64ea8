"""Document downloads: Wagtail's document URLs (same names, so ``document.url`` and rich
text links keep working), served through the portal's download headers."""

from django.urls import path, re_path
from wagtail.documents.views.serve import authenticate_with_password

from cityportal.documents.downloads import serve

urlpatterns = [
    re_path(r"^(\d+)/(.*)$", serve, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]

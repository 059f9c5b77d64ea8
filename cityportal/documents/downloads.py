"""How a document file is handed to the visitor: its content type and a safe
Content-Disposition header.

Wagtail's document view already checks privacy, sends the ``document_served`` signal and
answers conditional requests; ``serve`` wraps it and then sets the headers itself,
because Wagtail's own (1) take the content type from the host's mimetypes table (a
server without /etc/mime.types sends DOCX as application/octet-stream), (2) send
``Content-Encoding: None`` (the sendfile helper writes a missing encoding as the text
"None"), (3) put the stored name into ``filename="..."`` unescaped and, for storages
without local paths, a percent-encoded name as the plain ``filename``.
"""

import os
import re
import unicodedata
from urllib.parse import quote

from anyascii import anyascii
from django.http import HttpRequest, HttpResponse
from wagtail.documents.views.serve import serve as wagtail_serve

from cityportal.documents.formats import format_for

_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9 ._()-]+")
_RUNS = re.compile(r"_{2,}")
FALLBACK_STEM = "download"


def clean_filename(name: str) -> str:
    """The last path component of ``name`` without control characters (CR, LF, NUL...)."""
    name = os.path.basename(name.replace("\\", "/"))
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    return name.strip().lstrip(".") or FALLBACK_STEM


def ascii_filename(name: str) -> str:
    """An ASCII stand-in for ``name`` for old clients: transliterated (申请表.pdf becomes
    ShenQingBiao.pdf), anything else unusual replaced by "_"."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = _RUNS.sub("_", _UNSAFE_ASCII.sub("_", anyascii(stem))).strip(" ._") or FALLBACK_STEM
    extension = _UNSAFE_ASCII.sub("", anyascii(extension))
    return f"{stem}.{extension}" if extension else stem


def attachment_disposition(name: str) -> str:
    """``attachment; filename="<ascii>"`` plus, when the name is not plain ASCII, the RFC
    5987 ``filename*=UTF-8''<percent-encoded>`` that browsers prefer."""
    name = clean_filename(name)
    fallback = ascii_filename(name)
    header = f'attachment; filename="{fallback}"'
    if fallback != name:
        header += "; filename*=UTF-8''" + quote(name, safe="")
    return header


def serve(request: HttpRequest, document_id: str, document_filename: str) -> HttpResponse:
    """Wagtail's document view with the portal's download headers."""
    response = wagtail_serve(request, document_id, document_filename)
    # Only a file response carries Content-Disposition (not redirects, 304s or the
    # password form of a private collection).
    if not response.has_header("Content-Disposition"):
        return response
    # Wagtail has checked that the address names the document's own file.
    fmt = format_for(document_filename)
    if fmt is not None:
        response["Content-Type"] = fmt.content_type
    response["Content-Disposition"] = attachment_disposition(document_filename)
    if response.get("Content-Encoding", "None") == "None":
        # Documents are sent as stored, never with a transfer encoding.
        response.headers.pop("Content-Encoding", None)
    response["X-Content-Type-Options"] = "nosniff"
    return response

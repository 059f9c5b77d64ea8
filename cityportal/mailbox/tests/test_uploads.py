"""Attachments are recognised by their content, never by their name."""

import io

from cityportal.mailbox import uploads
from cityportal.mailbox.tests.files import HTML_PAGE, make_image, make_pdf


def sniff(content: bytes):
    return uploads.sniff(io.BytesIO(content))


def test_pdf_png_and_jpeg_are_recognised():
    assert sniff(make_pdf()).kind == uploads.PDF
    assert sniff(make_image("PNG")).kind == uploads.PNG
    assert sniff(make_image("JPEG")).kind == uploads.JPEG


def test_other_content_is_refused_whatever_its_name():
    assert sniff(HTML_PAGE) is None
    assert sniff(b"MZ\x90\x00 a Windows program") is None
    assert sniff(b"") is None
    # A PDF header on a file that does not end like a PDF (a truncated or forged file).
    assert sniff(b"%PDF-1.4\n<html><script>alert(1)</script></html>") is None
    # A web page with a PDF inside it.
    assert sniff(b"<html>" + make_pdf()) is None
    # PNG and JPEG signatures on data that is no picture.
    assert sniff(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100) is None
    assert sniff(b"\xff\xd8\xff\xe0" + b"\x00" * 100) is None


def test_the_stream_is_rewound_after_sniffing():
    stream = io.BytesIO(make_pdf())
    uploads.sniff(stream)
    assert stream.tell() == 0


def test_display_name_keeps_the_writers_name_with_the_real_extension():
    pdf = uploads.Sniffed(uploads.PDF)
    jpeg = uploads.Sniffed(uploads.JPEG)
    assert uploads.display_name("scan.pdf", pdf) == "scan.pdf"
    assert uploads.display_name("C:\\Users\\me\\photo.jpeg", jpeg) == "photo.jpeg"
    assert uploads.display_name("photo.png", jpeg) == "photo.jpg"
    assert uploads.display_name("../../etc/passwd", pdf) == "passwd.pdf"


def test_the_sample_pdf_has_the_size_asked_for():
    assert len(make_pdf(4 * 1024 * 1024)) == 4 * 1024 * 1024
    assert sniff(make_pdf(4 * 1024 * 1024)).kind == uploads.PDF

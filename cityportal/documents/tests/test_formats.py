"""Uploads are checked by their bytes: each accepted format is recognised, and a file
whose contents are not what its extension says is refused with a message naming it."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from cityportal.documents import sample_files
from cityportal.documents.formats import FORMATS, OLE2_MAGIC, check_file_content, format_for

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def ole2(*entries: str) -> bytes:
    """A compound file: the 512-byte header, then one directory sector whose 128-byte
    entries carry the given names (the Root Entry first)."""
    header = OLE2_MAGIC + b"\x00" * (512 - len(OLE2_MAGIC))
    sector = b""
    for name in ("Root Entry", *entries):
        encoded = (name + "\0").encode("utf-16-le")
        entry = encoded.ljust(64, b"\0") + len(encoded).to_bytes(2, "little")
        sector += entry.ljust(128, b"\0")
    return header + sector.ljust(512, b"\0")


def zip_of(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_with_macros() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(sample_files.docx_bytes("Macro", [])))
    parts = {name: source.read(name) for name in source.namelist()}
    parts["[Content_Types].xml"] = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.ms-word.document.macroEnabled.main+xml",
        )
    )
    parts["word/vbaProject.bin"] = b"\x00" * 10
    return zip_of(parts)


def check(data: bytes, name: str):
    return check_file_content(io.BytesIO(data), name)


def refused(data: bytes, name: str) -> str:
    with pytest.raises(ValidationError) as error:
        check(data, name)
    return error.value.messages[0]


GOOD = {
    "form.pdf": sample_files.pdf_bytes("Form", ["Name: ____"]),
    "form.docx": sample_files.docx_bytes("Form", ["Name:"]),
    "table.xlsx": sample_files.xlsx_bytes("Table", [["a", "b"]]),
    "plan.odt": sample_files.odt_bytes("Plan", ["Text"]),
    "old.doc": ole2("WordDocument", "SummaryInformation"),
    "old.xls": ole2("Workbook"),
    "older.xls": ole2("Book"),
    "data.csv": "名称,数量\n申请表,2\n".encode(),
    "data-gbk.csv": "名称,数量\n".encode("gb18030"),
    "notes.txt": b"\xef\xbb\xbfPlain text with a BOM\r\n",
}


@pytest.mark.parametrize("name", GOOD)
def test_real_files_are_accepted(name):
    assert check(GOOD[name], name).extension == name.rsplit(".", 1)[1]


def by_size(value) -> str | None:
    """Test ids that name bytes by their size: zip archives carry the time they were
    made, so ids made from their bytes would differ between pytest-xdist's workers."""
    return f"{len(value)}-bytes" if isinstance(value, bytes) else None


def odf(mimetype: str, extra: dict | None = None) -> bytes:
    """An OpenDocument package: "mimetype" first and stored, then content.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def test_ods_and_odp_are_recognised_by_their_mimetype_entry():
    for extension, kind in (("ods", "spreadsheet"), ("odp", "presentation")):
        data = odf(f"application/vnd.oasis.opendocument.{kind}")
        assert check(data, f"file.{extension}").extension == extension
        assert "is not a real OpenDocument text (ODT) file" in refused(data, "file.odt")


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (EXE, "form.pdf", "“form.pdf” is not a real PDF file: its contents look like a program (EXE)."),
        (HTML, "form.pdf", "its contents look like a web page or other markup (HTML/XML)"),
        (PNG, "form.pdf", "its contents look like PNG data"),
        (EXE, "form.docx", "“form.docx” is not a real Word (DOCX) file"),
        (HTML, "form.doc", "“form.doc” is not a real Word (DOC) file"),
        (GOOD["form.pdf"], "form.docx", "its contents look like PDF data"),
        (GOOD["form.docx"], "table.xlsx", "“table.xlsx” is not a real Excel (XLSX) file"),
        (GOOD["table.xlsx"], "form.docx", "is not a real Word (DOCX) file"),
        (GOOD["plan.odt"], "form.docx", "is not a real Word (DOCX) file"),
        (GOOD["form.docx"], "plan.odt", "“plan.odt” is not a real OpenDocument text (ODT) file"),
        (GOOD["plan.odt"], "sheet.ods", "is not a real OpenDocument spreadsheet (ODS) file"),
        (zip_of({"readme.txt": "hello"}), "form.docx", "is not a real Word (DOCX) file"),
        (zip_of({"readme.txt": "hello"}), "plan.odt", "is not a real OpenDocument text (ODT) file"),
        (ole2("Workbook"), "old.doc", "“old.doc” is not a real Word (DOC) file"),
        (ole2("WordDocument"), "old.xls", "“old.xls” is not a real Excel (XLS) file"),
        (HTML, "notes.txt", "“notes.txt” is not a real Plain text file"),
        (b"\x00\x01\x02binary", "data.csv", "“data.csv” is not a real CSV table file"),
    ],
    ids=by_size,
)
def test_files_that_are_not_what_their_name_says_are_refused(data, name, expected):
    assert expected in refused(data, name)


def test_macros_are_refused_in_every_office_format():
    assert "“m.docx” contains macros" in refused(docx_with_macros(), "m.docx")
    assert "contains macros" in refused(ole2("WordDocument", "Macros"), "m.doc")
    assert "contains macros" in refused(ole2("Workbook", "_VBA_PROJECT_CUR"), "m.xls")
    with_basic = odf("application/vnd.oasis.opendocument.text", {"Basic/Standard/Module1.xml": "<x/>"})
    assert "contains macros" in refused(with_basic, "m.odt")


def test_damaged_files_are_refused():
    pdf = GOOD["form.pdf"]
    assert refused(pdf[: len(pdf) // 2], "cut.pdf") == "“cut.pdf” is damaged or not a complete PDF file."
    docx = GOOD["form.docx"]
    assert "is damaged or not a complete Word (DOCX) file" in refused(docx[:200], "cut.docx")


def test_an_empty_file_is_refused():
    assert refused(b"", "empty.pdf") == "“empty.pdf” is empty."


def test_text_in_an_unknown_encoding_is_refused():
    assert "is not readable text" in refused("Größe\x07".encode("latin-1"), "latin.txt")


def test_an_unknown_extension_is_refused():
    assert "“run.exe” is not a kind of file the portal publishes" in refused(EXE, "run.exe")


def test_the_extension_decides_what_is_expected_whatever_its_case():
    assert check(GOOD["form.pdf"], "FORM.PDF").extension == "pdf"
    assert "not a real PDF" in refused(EXE, "FORM.Pdf")


def test_the_file_is_rewound_after_the_check():
    file = io.BytesIO(GOOD["form.docx"])
    file.seek(10)
    check_file_content(file, "form.docx")
    assert file.tell() == 0


def test_a_huge_compressed_part_is_not_read():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"\x00" * (50 * 1024 * 1024))
    assert len(bomb.getvalue()) < 200_000
    assert "is not a real Word (DOCX) file" in refused(bomb.getvalue(), "bomb.docx")


def test_every_allowed_extension_has_a_format_and_a_check(settings):
    assert set(settings.WAGTAILDOCS_EXTENSIONS) == set(FORMATS)
    assert format_for("a.tar.gz") is None
    assert format_for("noextension") is None


def test_an_odf_package_must_start_with_its_mimetype():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert "is not a real OpenDocument text (ODT) file" in refused(out.getvalue(), "late.odt")

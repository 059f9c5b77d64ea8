"""The file formats the portal accepts for documents, and the check that an uploaded
file really is what its extension says (by its bytes, not its name).

An .exe or a web page renamed ``form.pdf`` is refused, and so are Office files with
macros. Containers are opened far enough to tell them apart: a DOCX must be an Office
Open XML package whose main part is a Word document, an ODT a zip whose ``mimetype``
entry names an OpenDocument text, a DOC an OLE2 compound file with a ``WordDocument``
stream. Only small parts are read, never the whole archive, so a zip bomb costs nothing.
"""

import re
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import filetype
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# How far from the end a PDF's %%EOF marker may be (some scanners append padding).
PDF_TAIL = 4096
# Parts of a package read to identify it are small; a larger one is not what it claims.
MAX_PART_SIZE = 2 * 1024 * 1024
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class FileFormat:
    extension: str
    label: Promise  # shown to visitors next to each download: "PDF", "Word (DOCX)"...
    content_type: str


FORMATS: dict[str, FileFormat] = {
    f.extension: f
    for f in (
        FileFormat("pdf", _("PDF"), "application/pdf"),
        FileFormat("doc", _("Word (DOC)"), "application/msword"),
        FileFormat(
            "docx",
            _("Word (DOCX)"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        FileFormat("xls", _("Excel (XLS)"), "application/vnd.ms-excel"),
        FileFormat(
            "xlsx", _("Excel (XLSX)"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
        FileFormat("odt", _("OpenDocument text (ODT)"), "application/vnd.oasis.opendocument.text"),
        FileFormat(
            "ods", _("OpenDocument spreadsheet (ODS)"), "application/vnd.oasis.opendocument.spreadsheet"
        ),
        FileFormat(
            "odp", _("OpenDocument presentation (ODP)"), "application/vnd.oasis.opendocument.presentation"
        ),
        FileFormat("csv", _("CSV table"), "text/csv"),
        FileFormat("txt", _("Plain text"), "text/plain"),
    )
}

# Office Open XML: the content type of the main part, for each extension.
OOXML_MAIN = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
# OLE2 (Office 97-2003): a directory entry that the file must have.
OLE2_STREAMS = {"doc": ("WordDocument",), "xls": ("Workbook", "Book")}
OLE2_MACRO_STREAMS = ("Macros", "_VBA_PROJECT_CUR", "VBA")
HTML_START = re.compile(rb"^\s*<\s*(?:!doctype|html|head|body|script|svg|\?xml|iframe|meta|div|a\s)", re.I)


def format_for(name: str) -> FileFormat | None:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return FORMATS.get(extension)


class NotWhatItClaims(ValidationError):
    """The bytes of an upload do not match its extension."""


def _read_head(file: BinaryIO, size: int = 8192) -> bytes:
    file.seek(0)
    return file.read(size)


def _read_tail(file: BinaryIO, size: int) -> bytes:
    file.seek(0, 2)
    end = file.tell()
    file.seek(max(0, end - size))
    return file.read(size)


def describe_contents(head: bytes) -> str:
    """What the bytes look like, for the message to the editor."""
    if HTML_START.match(head):
        return gettext("a web page or other markup (HTML/XML)")
    kind = filetype.guess(head)
    if kind is None:
        return gettext("something else")
    if kind.extension in ("exe", "elf", "dll"):
        return gettext("a program (%(type)s)") % {"type": kind.extension.upper()}
    return gettext("%(type)s data") % {"type": kind.extension.upper()}


def _mismatch(name: str, fmt: FileFormat, head: bytes) -> NotWhatItClaims:
    return NotWhatItClaims(
        gettext(
            "“%(name)s” is not a real %(format)s file: its contents look like %(found)s. "
            "Upload the document in the format its name says."
        )
        % {"name": name, "format": fmt.label, "found": describe_contents(head)},
        code="content_mismatch",
    )


def _damaged(name: str, fmt: FileFormat) -> NotWhatItClaims:
    return NotWhatItClaims(
        gettext("“%(name)s” is damaged or not a complete %(format)s file.")
        % {"name": name, "format": fmt.label},
        code="damaged",
    )


def _with_macros(name: str) -> NotWhatItClaims:
    return NotWhatItClaims(
        gettext(
            "“%(name)s” contains macros. For visitors' safety the portal does not publish files "
            "with macros: save it again without them."
        )
        % {"name": name},
        code="macros",
    )


def _read_part(archive: zipfile.ZipFile, member: str) -> bytes | None:
    try:
        info = archive.getinfo(member)
    except KeyError:
        return None
    if info.file_size > MAX_PART_SIZE:
        return None
    with archive.open(info) as part:
        return part.read(MAX_PART_SIZE + 1)[:MAX_PART_SIZE]


def _check_ooxml(file: BinaryIO, name: str, fmt: FileFormat, head: bytes) -> None:
    if not head.startswith(ZIP_MAGIC):
        raise _mismatch(name, fmt, head)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            types = _read_part(archive, "[Content_Types].xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError) as error:
        raise _damaged(name, fmt) from error
    if types is None:
        raise _mismatch(name, fmt, head)
    text = types.decode("utf-8", errors="replace")
    if "macroEnabled" in text or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise _with_macros(name)
    if OOXML_MAIN[fmt.extension] not in text:
        raise _mismatch(name, fmt, head)


def _check_odf(file: BinaryIO, name: str, fmt: FileFormat, head: bytes) -> None:
    if not head.startswith(ZIP_MAGIC):
        raise _mismatch(name, fmt, head)
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            mimetype = _read_part(archive, "mimetype")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError) as error:
        raise _damaged(name, fmt) from error
    # The ODF package format puts "mimetype" first so that its type can be read at a
    # fixed place; the content is then in content.xml.
    if not names or names[0] != "mimetype" or mimetype is None or "content.xml" not in names:
        raise _mismatch(name, fmt, head)
    if mimetype.strip() != fmt.content_type.encode():
        raise _mismatch(name, fmt, head)
    if any(n.startswith(("Basic/", "Scripts/")) for n in names):
        raise _with_macros(name)


def _ole2_entries(file: BinaryIO) -> set[str]:
    """Names of the directory entries of an OLE2 compound file. Entries are 128 bytes,
    aligned to 128 within the file (sectors are 512 or 4096 bytes): name in UTF-16LE,
    then its length in bytes (with the terminating NUL) at offset 64."""
    found: set[str] = set()
    file.seek(0)
    while chunk := file.read(CHUNK):
        for start in range(0, len(chunk) - 127, 128):
            entry = chunk[start : start + 128]
            length = int.from_bytes(entry[64:66], "little")
            if 2 <= length <= 64 and length % 2 == 0 and entry[length - 2 : length] == b"\0\0":
                try:
                    entry_name = entry[: length - 2].decode("utf-16-le")
                except UnicodeDecodeError:
                    continue
                if entry_name.isprintable():
                    found.add(entry_name)
    return found


def _check_ole2(file: BinaryIO, name: str, fmt: FileFormat, head: bytes) -> None:
    if not head.startswith(OLE2_MAGIC):
        raise _mismatch(name, fmt, head)
    entries = _ole2_entries(file)
    if any(macro in entries for macro in OLE2_MACRO_STREAMS):
        raise _with_macros(name)
    if not any(stream in entries for stream in OLE2_STREAMS[fmt.extension]):
        raise _mismatch(name, fmt, head)


def _check_pdf(file: BinaryIO, name: str, fmt: FileFormat, head: bytes) -> None:
    if not head.startswith(b"%PDF-"):
        raise _mismatch(name, fmt, head)
    if b"%%EOF" not in _read_tail(file, PDF_TAIL):
        raise _damaged(name, fmt)


def _check_text(file: BinaryIO, name: str, fmt: FileFormat, head: bytes) -> None:
    if HTML_START.match(head):
        raise _mismatch(name, fmt, head)
    file.seek(0)
    data = file.read()
    if b"\0" in data:
        raise _mismatch(name, fmt, head)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if all(ch.isprintable() or ch in "\t\r\n\f" for ch in text):
            return
        break
    raise NotWhatItClaims(
        gettext("“%(name)s” is not readable text. Save it as UTF-8 text and upload it again.")
        % {"name": name},
        code="not_text",
    )


CHECKS = {
    "pdf": _check_pdf,
    "doc": _check_ole2,
    "xls": _check_ole2,
    "docx": _check_ooxml,
    "xlsx": _check_ooxml,
    "odt": _check_odf,
    "ods": _check_odf,
    "odp": _check_odf,
    "csv": _check_text,
    "txt": _check_text,
}


def check_file_content(file: BinaryIO, name: str) -> FileFormat:
    """Raises ``ValidationError`` (with a message naming the file) unless the bytes of
    ``file`` are a file of the format its ``name`` claims. Returns that format. The
    file's position is put back at the start."""
    fmt = format_for(name)
    if fmt is None:
        raise ValidationError(
            gettext("“%(name)s” is not a kind of file the portal publishes (%(allowed)s).")
            % {"name": name, "allowed": ", ".join(sorted(FORMATS))},
            code="extension",
        )
    try:
        head = _read_head(file)
        if not head:
            raise ValidationError(gettext("“%(name)s” is empty.") % {"name": name}, code="empty")
        CHECKS[fmt.extension](file, name, fmt, head)
    finally:
        file.seek(0)
    return fmt

"""Real files for upload tests: a structurally valid PDF of any size, PNG and JPEG
pictures made with Pillow, and impostors (a web page named .pdf)."""

import io


def make_pdf(size: int = 2000, text: str = "Sample attachment") -> bytes:
    """A valid one-page PDF (catalogue, page tree, page, content stream, cross-reference
    table with exact offsets) of exactly ``size`` bytes (or its minimum size), padded
    with a stream that nothing draws."""
    bare = _pdf(text, 0)
    if size <= len(bare):
        return bare
    # The padding's length is written in the file too: its digits change the total.
    for extra in range(size - len(bare), size - len(bare) - 20, -1):
        candidate = _pdf(text, extra)
        if len(candidate) == size:
            return candidate
    return _pdf(text, size - len(bare))


def _pdf(text: str, padding_length: int) -> bytes:
    content = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    # Incompressible-looking filler inside a stream that nothing draws.
    filler = (b"%" + b"0123456789abcdef" * 4 + b"\n") * (padding_length // 66 + 1)
    filler = filler[:padding_length]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(filler) + filler + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def make_image(kind: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(buffer, format=kind)
    return buffer.getvalue()


HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"

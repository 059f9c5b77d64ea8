"""The demo's document libraries: the five channels are document libraries holding
sample documents with real generated files, some amended or repealed with links to
what replaced them."""

import pytest

from cityportal.documents import demo
from cityportal.documents.formats import check_file_content
from cityportal.documents.models import DocumentLibraryPage, DocumentPage

pytestmark = pytest.mark.django_db

EXPECTED = {
    ("online-service", "forms-for-download"),
    ("e-government", "laws-and-regulations"),
    ("e-government", "development-planning"),
    ("investment", "investment-policies"),
    ("investment", "taxation"),
}


def test_the_five_demo_channels_are_document_libraries(demo_home):
    libraries = DocumentLibraryPage.objects.descendant_of(demo_home)
    assert {(lib.get_parent().slug, lib.slug) for lib in libraries} == EXPECTED
    assert all(lib.live and lib.show_in_menus for lib in libraries)
    assert set(demo.CHANNELS) == EXPECTED


def test_every_document_is_plainly_a_sample():
    documents = DocumentPage.objects.all()
    assert documents.count() == sum(len(d) for d in demo.SAMPLE_DOCUMENTS.values())
    for document in documents:
        assert document.live
        assert document.title.startswith("[Sample] "), document.title
        first = document.full_text[0].value.source
        assert first == f"<p>{demo.SAMPLE_NOTICE}</p>"


def test_every_document_has_real_files_that_pass_the_upload_check():
    for document in DocumentPage.objects.all():
        files = document.attached_files()
        assert files, document.title
        for attachment in files:
            stored = attachment.document
            with stored.file.open("rb") as data:
                content = data.read()
                assert check_file_content(data, stored.filename).extension == stored.file_extension
            assert b"SAMPLE" in content or stored.file_extension in ("docx", "xlsx", "odt")
            assert stored.file_size == len(content)


def test_some_documents_are_amended_or_repealed_and_link_their_replacement():
    replaced = DocumentPage.objects.exclude(status=DocumentPage.IN_FORCE)
    assert {d.status for d in replaced} == {DocumentPage.AMENDED, DocumentPage.REPEALED}
    linked = [d for d in replaced if d.replaced_by_id]
    assert len(linked) >= 4
    for document in linked:
        replacement = document.replacement()
        assert replacement is not None and replacement.live and replacement.is_in_force
        assert replacement.get_parent().pk == document.get_parent().pk
    assert DocumentPage.objects.get(slug="festival-fireworks-provisions").replacement() is None


def test_a_form_has_a_file_with_a_chinese_name():
    form = DocumentPage.objects.get(slug="application-form-for-chinese-nationality")
    assert [a.document.filename for a in form.attached_files()] == [
        "sample-application-for-chinese-nationality.pdf",
        "加入中国国籍申请表-样例.docx",
    ]


def test_ensure_library_does_not_duplicate(demo_home):
    library = DocumentLibraryPage.objects.get(slug="forms-for-download")
    channels = {demo.FORMS: library}
    before = DocumentPage.objects.child_of(library).count()
    assert len(demo.ensure_library(channels, demo.FORMS)) == before
    assert DocumentPage.objects.child_of(library).count() == before

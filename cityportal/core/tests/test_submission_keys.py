"""The random key of each copy of a public form."""

from cityportal.core.submission_keys import new_key, read_key


def test_a_new_key_is_read_back_and_keys_differ():
    key = new_key()
    assert read_key(f"  {key}\n") == key
    assert new_key() != key


def test_anything_else_is_not_a_key():
    for value in (None, "", "short", "x" * 65, "a" * 20 + "<script>", "ключ" * 5):
        assert read_key(value) is None

import pytest


@pytest.fixture
def nojs_page(browser):
    """A desktop tab with JavaScript switched off."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-US", java_script_enabled=False
    )
    tab = context.new_page()
    yield tab
    context.close()

from types import ModuleType

import pytest

from cityportal.demo.contributions import channel_factories, contribution_modules


def module_with(name: str, channels: dict) -> ModuleType:
    module = ModuleType(name)
    module.CHANNELS = channels
    return module


def test_factories_from_every_module_are_merged():
    first = module_with("a.demo", {("s", "one"): dict})
    second = module_with("b.demo", {("s", "two"): list})
    assert channel_factories([first, second]) == {("s", "one"): dict, ("s", "two"): list}


def test_two_apps_cannot_claim_the_same_channel():
    with pytest.raises(ValueError, match="Two apps claim"):
        channel_factories(
            [module_with("a.demo", {("s", "x"): dict}), module_with("b.demo", {("s", "x"): list})]
        )


def test_only_portal_apps_with_a_demo_module_contribute():
    names = [module.__name__ for module in contribution_modules()]
    assert all(name.startswith("cityportal.") and name.endswith(".demo") for name in names)
    assert "cityportal.demo.demo" not in names

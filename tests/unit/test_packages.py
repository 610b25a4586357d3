"""Every top-level package of the layout imports."""

import importlib

import pytest


@pytest.mark.parametrize(
    "name", ["queue_server", "kiosk", "screens", "printers", "thaitext", "demo", "assets"]
)
def test_package_imports(name):
    assert importlib.import_module(name).__doc__

"""The real server and the browser the browser tests of this folder share (one of each per module)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .. import browser as chromium
from . import serving


@pytest.fixture(scope="module")
def server() -> Iterator[serving.Server]:
    with serving.running() as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver = chromium.driver()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(request: Any) -> Path:
    return chromium.screenshots(request)

import gc

import pytest

from tcop_lint import collector


@pytest.fixture
def enabled_collector():
    was_enabled = gc.isenabled()
    gc.unfreeze()
    gc.enable()
    yield
    gc.unfreeze()
    if not was_enabled:
        gc.disable()


def test_paused_restores_the_collector_and_freezes_nothing(enabled_collector):
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_paused_leaves_a_disabled_collector_disabled():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


def test_paused_for_the_rest_freezes_what_the_block_built(enabled_collector):
    with collector.paused_for_the_rest():
        assert not gc.isenabled()
        built = [{"path": str(n)} for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(built)


def test_paused_for_the_rest_freezes_nothing_when_the_block_fails(enabled_collector):
    with pytest.raises(ValueError), collector.paused_for_the_rest():
        raise ValueError("broken config")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0

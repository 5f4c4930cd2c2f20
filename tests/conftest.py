"""Fixtures shared by the test modules."""

import pytest


@pytest.fixture
def shown_figures(monkeypatch):
    """The figures the code under test shows (``style.show`` captured instead of displayed), in the
    house style; closed afterwards."""
    import matplotlib.pyplot as plt

    from helpers import style

    figs = []
    monkeypatch.setattr(style, "show", lambda fig, alt: figs.append(fig))
    style.use()
    yield figs
    for fig in figs:
        plt.close(fig)

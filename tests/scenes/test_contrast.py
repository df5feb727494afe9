"""Every text colour on its background reads at WCAG 4.5:1 or better, quadrant badges included."""

from __future__ import annotations

import pytest

from incluzo.engine.scenario.model import available_models, load_model
from incluzo.scenes.kit import theme

MINIMUM = 4.5


@pytest.mark.parametrize("pair", sorted(theme.TEXT_PAIRS))
def test_theme_text_pair_has_enough_contrast(pair: str) -> None:
    ink, background = theme.TEXT_PAIRS[pair]
    assert theme.contrast(ink, background) >= MINIMUM


@pytest.mark.parametrize("model", available_models())
def test_quadrant_numbers_read_on_their_colour_and_names_on_their_tint(model: str) -> None:
    for quadrant in load_model(model).quadrants:
        base = theme.colour(quadrant.colour)
        assert theme.contrast(theme.ink_on(base), base) >= MINIMUM, quadrant.id
        assert theme.contrast(theme.INK, theme.quadrant_tint(base)) >= MINIMUM, quadrant.id


def test_contrast_matches_the_wcag_reference_values() -> None:
    assert theme.contrast(theme.BLACK, theme.WHITE) == pytest.approx(21.0)
    assert theme.contrast(theme.colour("#777777"), theme.WHITE) == pytest.approx(4.48, abs=0.01)

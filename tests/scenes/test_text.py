"""Wrapping with Dutch hyphenation and visible pages: no text is cut, nothing runs out of its box."""

from __future__ import annotations

import itertools
from pathlib import Path

import pyphen
from testsupport import within

from incluzo.scenes.kit import theme
from incluzo.scenes.kit.text import Flow, Style, line_height, unbroken, widest_word, width_of, wrap

STYLE = Style("regular", 36, theme.INK)
LONG = "ondersteuningsonafhankelijkheid"


def test_a_long_dutch_word_is_split_at_a_hyphenation_point_and_every_line_fits() -> None:
    width = width_of(LONG, STYLE) // 2
    lines = wrap(f"De {LONG} van de school", STYLE, width, "nl")
    assert all(width_of(line, STYLE) <= width for line in lines)
    assert "".join(line.removesuffix("-") for line in lines).replace(" ", "") == f"De{LONG}vandeschool"
    assert any(line.endswith("-") for line in lines)
    pieces = [
        line.split()[-1 if number == 0 else 0]
        for number, line in enumerate(lines)
        if LONG[:3] in line or line.endswith("-")
    ]
    cuts, done = [], 0
    for piece in pieces[:-1]:
        done += len(piece.removesuffix("-"))
        cuts.append(done)
    assert cuts and set(cuts) <= set(pyphen.Pyphen(lang="nl_NL").positions(LONG))


def test_a_word_without_hyphenation_points_is_split_between_letters_only_when_it_must() -> None:
    lines = wrap("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", STYLE, 200, "nl")
    assert len(lines) > 1
    assert all(width_of(line, STYLE) <= 200 for line in lines)


def test_short_words_move_whole_to_the_next_line() -> None:
    lines = wrap("een twee drie vier vijf zes zeven acht", STYLE, 300, "nl")
    assert all(not line.endswith("-") for line in lines)
    assert " ".join(lines) == "een twee drie vier vijf zes zeven acht"


def test_a_long_flow_is_cut_into_pages_that_keep_every_line() -> None:
    flow = Flow(600, "nl")
    text = " ".join(["Een zin over passend onderwijs en de school."] * 30)
    flow.text("Kop", STYLE, keep_with_next=True)
    flow.text(text, STYLE, space_before=10)
    height = 8 * line_height(STYLE)
    pages = flow.pages(height)
    assert len(pages) > 1
    assert sum(len(page) for page in pages) == len(flow.items)
    assert all(offset + item.height <= height for page in pages for offset, item in page)


def test_a_heading_never_ends_a_page() -> None:
    flow = Flow(600, "nl")
    for number in range(6):
        flow.text(f"Kop {number}", STYLE, keep_with_next=True, space_before=20)
        flow.text("Een regel tekst.", STYLE)
    pages = flow.pages(3 * line_height(STYLE) + 30)
    assert all(not page[-1][1].text.startswith("Kop") for page in pages)


def test_a_title_of_one_unbreakable_word_of_5000_letters_wraps_in_bounded_time() -> None:
    """Issue 12 (8): layout was quadratic in an unbreakable word (70 s headless for 4,999 letters)."""
    word = "x" * 4_999
    lines = within(60, lambda: wrap(f"Titel {word} einde", STYLE, 400, "nl"))
    assert all(width_of(line, STYLE) <= 400 for line in lines)
    assert "".join(line.removesuffix("-") for line in lines).replace(" ", "") == f"Titel{word}einde"
    assert len(lines) > 100


def test_a_very_long_word_is_cut_where_the_line_is_full() -> None:
    word = "abcdefghij" * 20  # longer than LONGEST_WORD: cut between letters while that long
    lines = wrap(word, STYLE, 300, "nl")
    for line, following in itertools.pairwise(lines[:6]):
        assert width_of(line, STYLE) <= 300 < width_of(line.removesuffix("-") + following[0] + "-", STYLE)


SENTENCE = "De leerkracht voelt zich tekortschieten en de intern begeleider bespreekt de Backspace-toets."


def test_a_word_that_fits_on_a_line_of_its_own_is_never_hyphenated() -> None:
    """Issue 10: "te-kortschieten" and "be-spreekt" with room to spare, "Backs-pace"."""
    for width in range(widest_word(SENTENCE, STYLE), 3 * width_of(SENTENCE, STYLE) // 2, 37):
        lines = wrap(SENTENCE, STYLE, width, "nl")
        assert " ".join(lines) == SENTENCE, width  # every word whole, in order
        assert all(width_of(line, STYLE) <= width for line in lines)


def test_only_a_word_wider_than_its_box_is_split_and_always_at_the_same_points() -> None:
    points = set(pyphen.Pyphen(lang="nl_NL").positions(LONG))
    for width in range(width_of(LONG, STYLE) // 4, width_of(LONG, STYLE), 23):
        lines = wrap(f"De {LONG} van de school", STYLE, width, "nl")
        heads = [line.split()[-1] for line in lines if line.endswith("-")]
        assert heads, width
        cuts, done = [], 0
        for head in heads:
            done += len(head.removesuffix("-").split()[-1])
            cuts.append(done)
        assert set(cuts) <= points, width  # pyphen's points only, never between other letters


def test_a_label_shrinks_until_its_longest_word_fits_whole() -> None:
    name = "Professional development"
    room = width_of("Professional", STYLE) * 4 // 5
    smaller = unbroken(name, STYLE, room, 10)
    assert smaller.size < STYLE.size
    assert widest_word(name, smaller) <= room
    assert all(not line.endswith("-") for line in wrap(name, smaller, room, "en"))
    assert unbroken(name, STYLE, width_of(name, STYLE), 10) == STYLE  # room enough: unchanged


def test_a_label_takes_the_largest_size_at_which_its_words_stand_whole() -> None:
    """The size found by measuring from the predicted one is the one a step-by-step search finds."""
    for name in (
        "Professionalisering",
        "Leergemeenschap",
        "Individueel maatwerk",
        "Professional development",
    ):
        for share in (95, 80, 60, 40, 20, 5):
            room = width_of(name.split()[0], STYLE) * share // 100
            size = STYLE.size
            while size > 10 and widest_word(name, Style(STYLE.face, size, STYLE.colour)) > room:
                size -= 1
            assert unbroken(name, STYLE, room, 10).size == size, (name, share)


def test_a_box_that_cannot_grow_may_ask_for_lines_filled_with_hyphenated_words() -> None:
    text = "De leerkracht voelt zich ondersteuningsonafhankelijk en tekortschieten is het woord."
    width = width_of("De leerkracht voelt zich onder-", STYLE)
    ragged, filled = wrap(text, STYLE, width, "nl"), wrap(text, STYLE, width, "nl", fill=True)
    assert not any(line.endswith("-") for line in ragged)
    assert any(line.endswith("-") for line in filled) and len(filled) <= len(ragged)
    assert all(width_of(line, STYLE) <= width for line in filled)


def test_the_hyphenation_cache_breaks_every_word_as_pyphen_s_own_dictionary_does(
    private_data_dir: Path,
) -> None:
    """The cache copy decodes its patterns on demand: each word breaks as pyphen's parse of the
    dictionary breaks it, whether the copy was just written or read back."""
    from incluzo.scenes.kit import text

    source = pyphen.LANGUAGES["nl_NL"]
    words = [
        LONG,
        "Professionalisering",
        "Leergemeenschap",
        "samenwerkingsverband",
        "zorgplicht",
        "a",
        "ééntje",
    ]
    own = pyphen.HyphDict(source)
    expected = [own.positions(word) for word in words]
    for _ in range(2):  # the first load parses and writes the copy, the second reads it
        pyphen.hdcache.pop(source, None)
        text._load_patterns("nl_NL", source)
        assert [pyphen.hdcache[source].positions(word) for word in words] == expected
    assert isinstance(pyphen.hdcache[source].patterns, text._Patterns)
    assert len(list((private_data_dir / "cache").glob("hyphenation-nl_NL-*.json"))) == 1

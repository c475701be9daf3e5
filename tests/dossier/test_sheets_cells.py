"""Spreadsheet cells → field values: every French convention at its edges, exact or refused, saying how."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proa_policy.dossier.cells import CellError, convert, excel_decimal
from proa_policy.dossier.columns import BOOLEAN, CHOICE, DATE, INTEGER, NUMBER, TEXT, Column

from ..sheetdata import french_text

NUM, DAY = Column(("n",), NUMBER), Column(("d",), DATE)
YES, TXT = Column(("b",), BOOLEAN), Column(("t",), TEXT)


@pytest.mark.parametrize("text, value", [
    ("1600", "1600"), ("1 600", "1600"), ("1\u00a0600,50", "1600.50"), ("1\u202f600,50", "1600.50"),
    ("12 345 678,9", "12345678.9"), ("1600,5", "1600.5"), ("1600.5", "1600.5"), ("0,150", "0.150"),
    ("0.150", "0.150"), ("-3,25", "-3.25"), ("1 600,50 €", "1600.50"), ("  400  ", "400"),
    ("1766,92", "1766.92"),
    ("1,600", "1.600"),  # a decimal comma always: French convention
    ("1 600.5", "1600.5"),  # spaces for thousands: the point can only be decimal
])
def test_a_number_cell_is_read_exactly(text: str, value: str) -> None:
    result = convert(NUM, text)
    assert isinstance(result, Decimal) and result == Decimal(value) and str(result) == value


@pytest.mark.parametrize("text, says", [
    ("1.600", "ambigu"), ("1.600,50", "n'est pas un nombre"), ("1,600.50", "n'est pas un nombre"),
    ("1 60,5", "n'est pas un nombre"), ("1  600", "n'est pas un nombre"), ("1 600 000,5", None),
    ("1e3", "n'est pas un nombre"), ("douze", "n'est pas un nombre"), ("1 600,", "n'est pas un nombre"),
])
def test_a_number_that_could_mean_two_things_is_refused_saying_what_to_write(text: str, says: str | None):
    if says is None:
        assert convert(NUM, text) == Decimal("1600000.5")
        return
    with pytest.raises(CellError) as caught:
        convert(NUM, text)
    assert says in str(caught.value) and "écrivez" in str(caught.value)


def test_an_ambiguous_point_says_both_readings() -> None:
    with pytest.raises(CellError, match=r"écrivez 1600 pour des milliers, ou 1,600"):
        convert(NUM, "1.600")


@pytest.mark.parametrize("text, iso", [
    ("10/01/2022", "2022-01-10"), ("1/2/2022", "2022-02-01"), ("03/04/2022", "2022-04-03"),
    ("2022-01-10", "2022-01-10"), ("29/02/2024", "2024-02-29"), ("10/01/2022 00:00", "2022-01-10"),
    ("2022-01-10 00:00:00", "2022-01-10"),
])
def test_a_date_cell_is_day_month_year(text: str, iso: str) -> None:
    assert convert(DAY, text) == iso


@pytest.mark.parametrize("text, says", [
    ("13/13/2022", "n'est pas une date du calendrier"), ("01/13/2022", "lue comme jour/mois/année"),
    ("29/02/2023", "n'est pas une date du calendrier"), ("10/01/22", "quatre chiffres"),
    ("2022/01/10", "JJ/MM/AAAA"), ("10 janvier 2022", "JJ/MM/AAAA"), ("2022-02-30", "n'est pas une date"),
])
def test_a_date_that_is_not_one_is_refused(text: str, says: str) -> None:
    with pytest.raises(CellError, match=says):
        convert(DAY, text)


def test_typed_xlsx_cells_keep_their_type() -> None:
    assert convert(DAY, dt.datetime(2022, 1, 10)) == "2022-01-10"
    assert convert(DAY, dt.date(2022, 1, 10)) == "2022-01-10"
    with pytest.raises(CellError, match="heure"):
        convert(DAY, dt.datetime(2022, 1, 10, 8, 30))
    with pytest.raises(CellError, match="format Date"):
        convert(DAY, 44571)
    assert convert(NUM, 1600) == Decimal(1600)
    assert convert(NUM, 1766.92) == Decimal("1766.92")
    assert convert(YES, True) is True
    with pytest.raises(CellError):
        convert(NUM, True)


def test_a_float_cell_is_the_decimal_excel_shows() -> None:
    assert excel_decimal(1766.92) == Decimal("1766.92")
    assert excel_decimal(0.1 + 0.2) == Decimal("0.3")  # Excel's 15 significant digits
    assert excel_decimal(1600.0) == Decimal(1600)
    assert excel_decimal(123456789012.345) == Decimal("123456789012.345")


@pytest.mark.parametrize("text, value", [("oui", True), ("NON", False), ("Vrai", True), ("faux", False),
                                         ("true", True), ("FALSE", False)])
def test_a_yes_no_cell(text: str, value: bool) -> None:
    assert convert(YES, text) is value


@pytest.mark.parametrize("text", ["o", "1", "yes", "peut-être"])
def test_a_yes_no_cell_refuses_anything_else(text: str) -> None:
    with pytest.raises(CellError, match="écrivez oui ou non"):
        convert(YES, text)


def test_a_text_field_keeps_its_text() -> None:
    assert convert(TXT, "00123") == "00123"
    assert convert(TXT, " 2024-ETT-0042 ") == "2024-ETT-0042"
    assert convert(TXT, 123) == "123"
    assert convert(Column(("k",), CHOICE, choices=("ETT",)), "ett") == "ett"  # the schema says it is wrong
    with pytest.raises(CellError, match="date"):
        convert(TXT, dt.datetime(2022, 1, 1))


def test_an_empty_cell_is_an_absent_field() -> None:
    for column in (NUM, DAY, YES, TXT):
        assert convert(column, None) is None
        assert convert(column, "  \u00a0") is None


def test_an_integer_field_refuses_a_fraction() -> None:
    with pytest.raises(CellError, match="entier"):
        convert(Column(("i",), INTEGER), "1,5")
    assert convert(Column(("i",), INTEGER), "1 500") == 1500


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_a_number_written_the_french_way_reads_back_exactly(value: Decimal) -> None:
    assert convert(NUM, french_text(value)) == value


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_date_written_day_month_year_reads_back_as_itself(day: dt.date) -> None:
    assert convert(DAY, day.strftime("%d/%m/%Y")) == day.isoformat()


@given(st.text(max_size=30))
def test_any_text_in_a_number_cell_is_a_number_or_a_message(text: str) -> None:
    try:
        result = convert(NUM, text)
    except CellError as exc:
        assert str(exc)
    else:
        assert result is None or isinstance(result, Decimal)

"""Errors a person can fix: « vouliez-vous dire », what to write instead, syntax explained in French."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from proa_policy import load_policies
from proa_policy.cli import main
from proa_policy.read.hints import closest, value_hint

from ..conftest import BASE


@pytest.mark.parametrize("word, choices, meant", [
    ("tutor_desginated", ["tutor_designated", "training_time"], "tutor_designated"),
    ("métropole", ["metropole", "drom", "com", "other"], "metropole"),
    ("ett", ["ETT", "ETTI", "other"], "ETT"),
    ("ETTI ", ["ETT", "ETTI", "other"], "ETTI"),
    ("cdi_interim", ["cdi_interimaire", "contrat_de_mission", "other"], "cdi_interimaire"),
    ("zzz", ["ETT", "ETTI", "other"], None),
])
def test_the_closest_valid_word_is_suggested(word: str, choices: list[str], meant: str | None) -> None:
    assert closest(word.strip(), choices) == meant


def messages(dossier: dict) -> dict[str, str]:
    decision = load_policies().evaluate(dossier)
    return {e.pointer: e.message for e in decision.errors}


def test_a_misspelled_field_or_value_in_a_dossier_gets_did_you_mean() -> None:
    dossier = copy.deepcopy(BASE)
    dossier["employer"] = {"kind": "ett", "territory": "métropole"}
    dossier["pro_a"]["tutor_desginated"] = dossier["pro_a"].pop("tutor_designated")
    found = messages(dossier)
    assert found["/employer/kind"].endswith("vouliez-vous dire `ETT` ?")
    assert found["/employer/territory"].endswith("vouliez-vous dire `metropole` ?")
    assert found["/pro_a/tutor_desginated"].endswith("vouliez-vous dire `tutor_designated` ?")


@pytest.mark.parametrize("value, expected, hint", [
    ("1050,5", "number", "`1050.5`"), ("1 600,50", "number", "`1600.50`"),
    ("400", "number", "sans guillemets : `400`"),
    ("10/01/2022", "date", "`2022-01-10`"), ("true", "boolean", "`true` sans guillemets"),
    ("oui", "boolean", "`true` sans guillemets"), (42, "string", '`"42"`'),
])
def test_a_value_of_the_wrong_shape_says_what_to_write(value: object, expected: str, hint: str) -> None:
    assert hint in value_hint(value, expected)


@pytest.mark.parametrize("value, expected", [("beaucoup", "number"), ("31/02/2022", "date"),
                                             ("peut-être", "boolean")])
def test_no_hint_is_invented(value: str, expected: str) -> None:
    assert value_hint(value, expected) == ""


def evaluate(path: Path) -> dict:
    return json.loads(CliRunner().invoke(main, ["evaluate", str(path), "--format", "json"]).output)[0]


def test_french_numbers_and_dates_in_yaml_get_hints(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("id: x\nemployer: {kind: ETT, territory: metropole}\npro_a:\n  total_hours: 1050,5\n"
                    "  training_hours: \"400\"\n  start_date: 10/01/2022\n", "utf-8")
    found = {e["pointer"]: e["message"] for e in evaluate(path)["errors"]}
    assert "point décimal et sans guillemets : `1050.5`" in found["/pro_a/total_hours"]
    assert "sans guillemets : `400`" in found["/pro_a/training_hours"]
    assert "`2022-01-10`" in found["/pro_a/start_date"]


def test_a_json_decimal_comma_is_explained_in_french(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"id": "x",\n "pro_a": {"total_hours": 1050,5}}', "utf-8")
    error = evaluate(path)["errors"][0]
    assert error["message"].startswith("JSON invalide : Expecting property name enclosed in double quotes — ")
    assert "un nom de champ entre guillemets droits" in error["message"]
    assert "`1050,5` : un nombre s'écrit avec un point décimal" in error["message"]
    assert "`1050.5`" in error["message"]
    assert (error["line"], error["column"]) == (2, 32)


def test_an_unquoted_json_date_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"pro_a": {"start_date": 10/01/2022}}', "utf-8")
    assert '`"2022-01-10"`' in evaluate(path)["errors"][0]["message"]


@pytest.mark.parametrize("text, french", [
    ("a: b: c\n", "deux-points inattendus"),
    ("a:\n\t- b\n", "indentez avec des espaces"),
    ('a: "x\n', "n'est pas refermé"),
    ("a:\n  b: 1\n c: 2\n", "l'indentation est incohérente"),
])
def test_a_yaml_syntax_error_is_explained_in_french(tmp_path: Path, text: str, french: str) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(text, "utf-8")
    message = evaluate(path)["errors"][0]["message"]
    assert message.startswith("YAML invalide") and french in message


def test_json_lines_get_the_same_explanations(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"pro_a": {"total_hours": 1050,5}}\n', "utf-8")
    error = evaluate(path)["errors"][0]
    assert "`1050.5`" in error["message"] and error["line"] == 1

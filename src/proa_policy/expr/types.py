"""The static types of the condition language, checked when policies load."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Type:
    name: str  # number | string | bool | date | set | null | any
    nullable: bool = False

    def __str__(self) -> str:
        return self.name + ("?" if self.nullable and self.name != "null" else "")

    def accepts(self, other: "Type") -> bool:
        return self.name == "any" or other.name == "any" or self.name == other.name


NUMBER = Type("number")
STRING = Type("string")
BOOL = Type("bool")
DATE = Type("date")
SET = Type("set")
NULL = Type("null", True)
ANY = Type("any", True)

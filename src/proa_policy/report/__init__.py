"""Rendering finished results: a Decision (or a check/test result, a diff) → text, JSON, annotated
spreadsheets, the diff's HTML page, … No evaluation here."""

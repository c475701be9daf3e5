"""Rendering finished results: a Decision (or a check/test result) → text, JSON, … No evaluation here."""

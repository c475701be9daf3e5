"""Decisions: the compiled policy set (one place for verdicts), the tracer, decisions in batches and
workers, a spreadsheet row's decision said as cells."""

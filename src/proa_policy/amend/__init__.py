"""Amendments: policy sets from git revisions and patches, the structural diff and the exploration of
decisions."""

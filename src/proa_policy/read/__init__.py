"""Text in: JSON, YAML and JSON Lines read strictly, spreadsheets read as cells, files opened safely,
positions recorded, hints for people.

The first stage of a dossier's way through: files -> documents (values) with their positions.
"""

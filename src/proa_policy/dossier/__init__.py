"""The dossier contract: the JSON Schema, its compiled check and the normalisation of values.

Documents -> validated documents (or their located issues). A spreadsheet row is
made a document here too, by the schema's fields: `columns`, `cells`, `rows`.
"""

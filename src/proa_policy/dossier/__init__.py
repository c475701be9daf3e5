"""The dossier contract: the JSON Schema, its compiled check and the normalisation of values.

Documents -> validated documents (or their located issues).
"""

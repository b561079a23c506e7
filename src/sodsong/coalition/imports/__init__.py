"""Participants and activities from CSV/XLSX spreadsheets in Thai.

upload → header row found, columns mapped (Thai/English header variants suggested) → every row
checked (row-level errors) → commit in one transaction, all rows or none. `reader` streams the
file, `columns` knows the fields, `rows` parses and checks, `commit` writes in bulk, `jobs` ties
them to an `ImportJob`.
"""

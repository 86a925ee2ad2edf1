"""The catalog as spreadsheets: products, and one price list's prices, out (exports.py) and back in
(reading.py for the rows; services/imports.py for the job). An exported file imports again unchanged:
the columns are the same, and importing it changes nothing."""

"""Customer import (CSV, XLSX) and what it is made of.

reading.py   the file: type, encoding, delimiter, header row; rows streamed one by one, within limits
fields.py    the fields a column can fill, guessing them from headers, reading countries/sources/stages
rows.py      one file row -> validated customer and contact data, errors named by column
batch.py     customers_import_batch: duplicate decisions and bulk writes for a few hundred rows at once
services/    the job: upload (the file kept as a files.StoredFile), reading it in the worker, map, preview,
             start, discard, run in the worker, the error report
tasks.py     the worker jobs
"""

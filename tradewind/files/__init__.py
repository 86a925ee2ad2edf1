"""Stored files: one model and one storage layer for whatever people upload (task attachments and
customer imports now; the library, chat and mail later).

models.py      StoredFile: a file kept in the Django storage with its facts (size, hash, type by content)
services.py    stored_file_save / stored_file_open / stored_file_delete, the sweep of unused files
sniffing.py    what a file is by its content (programs are recognised whatever their name)
archives.py    the entries of a ZIP file checked before anything unpacks it (zip bombs)
limits.py      how big an upload each URL takes; uploads.py refuses bigger ones before reading them
responses.py   serving a stored file as a download that never runs in our origin
"""

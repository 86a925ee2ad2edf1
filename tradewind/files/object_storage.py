"""The S3-compatible object store: django-storages' S3Storage with two additions the download path uses.

- `download_url()`: a presigned URL, so a large file goes from the store to the browser directly, and the
  web process neither holds it nor spends a thread on it;
- `stream()`: the object's body as it arrives, for what is shown in our own pages (a PDF preview, a
  thumbnail) — S3Storage's `open()` would first copy the whole object into a temporary file.
"""

from __future__ import annotations

from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class ObjectStorage(S3Storage):
    def download_url(self, name: str, *, filename: str, content_type: str, inline: bool = False) -> str:
        """A URL that gives the object to whoever holds it for `querystring_expire` seconds, with the
        headers our own download would send: the name it was uploaded with, and its type by content."""
        return self.url(
            name,
            parameters={
                "ResponseContentDisposition": content_disposition_header(not inline, filename),
                "ResponseContentType": content_type or "application/octet-stream",
                "ResponseCacheControl": "private, no-store",
            },
        )

    def stream(self, name: str):
        """The object's body, read as it comes (a file-like object with read() and close())."""
        return self.bucket.Object(self._normalize_name(clean_name(name))).get()["Body"]

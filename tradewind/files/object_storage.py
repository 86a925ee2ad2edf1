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

MB = 1024 * 1024


class ObjectStorage(S3Storage):
    def get_default_settings(self):
        from boto3.s3.transfer import TransferConfig

        defaults = super().get_default_settings()
        # boto3's default reads 10 parts of 8 MB ahead and sends 10 at once: 80 MB and more of a web
        # process's memory per upload. Four of each keep the link busy at a third of that (bench:
        # bench_library_transfer.py).
        config = TransferConfig(max_concurrency=4, multipart_chunksize=8 * MB)
        config.max_in_memory_upload_chunks = 4  # s3transfer's setting, which boto3's constructor lacks
        defaults["transfer_config"] = config
        return defaults

    def _save(self, name, content):
        """An upload Django spooled to a temporary file is sent from its path: boto3 then reads each part
        as it sends it, where from a file object it reads parts ahead into memory (48 MB per upload, in the
        bench). Anything else goes the usual way."""
        path = getattr(content, "temporary_file_path", None)
        if path is None or self.gzip:
            return super()._save(name, content)
        cleaned = clean_name(name)
        key = self._normalize_name(cleaned)
        params = self._get_write_parameters(key, content)
        self.bucket.Object(key).upload_file(path(), ExtraArgs=params, Config=self.transfer_config)
        return cleaned

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

"""Where stored files' bytes live: the data directory's disk (the default), or an S3-compatible object
store (AWS S3, MinIO, Aliyun OSS, Tencent COS…) in production.

Settings read the TRADEWIND_STORAGE* variables through `storage_backend()`, and tests point the storage at
their local S3 server the same way, so there is one description of each backend. Nothing here imports
models: settings.py loads it.

The object store's class is in object_storage.py (boto3 is loaded only when it is used).
"""

from __future__ import annotations

MB = 1024 * 1024


def storage_backend(
    *,
    kind: str,
    bucket: str = "",
    endpoint_url: str = "",
    region: str = "",
    access_key: str = "",
    secret_key: str = "",
    prefix: str = "",
    addressing_style: str = "",
    presign_seconds: int = 300,
) -> dict:
    """The STORAGES["default"] entry for `kind` "local" or "s3"."""
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "tradewind.files.object_storage.ObjectStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            # Empty: boto3 finds credentials its own way (an instance role, ~/.aws, AWS_* variables).
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "location": prefix.strip("/"),
            # MinIO and most self-hosted stores answer at <endpoint>/<bucket>/, not <bucket>.<endpoint>.
            "addressing_style": addressing_style or ("path" if endpoint_url else None),
            "signature_version": "s3v4",
            # Names are random per file (files/services.py): nothing to overwrite, and no HEAD per upload
            # to look for a free name.
            "file_overwrite": True,
            "default_acl": None,  # private: only presigned URLs open an object
            "querystring_auth": True,
            "querystring_expire": presign_seconds,
            # A file opened for reading (text extraction, a PDF for an e-mail) spills to a temporary file
            # past 2 MB instead of being held in memory whole (the default, 0, never spills).
            "max_memory_size": 2 * MB,
        },
    }

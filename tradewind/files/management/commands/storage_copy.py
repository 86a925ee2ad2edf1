"""`tradewind storage_copy --from /old/data/media`: after switching TRADEWIND_STORAGE (files/moving.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tradewind.files.moving import stored_files_copy


class Command(BaseCommand):
    help = (
        "Copy every stored file the configured storage lacks from a media folder (the data directory's "
        "media/ before the switch to an object store), checking each file's SHA-256. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, help="the old media folder")
        parser.add_argument("--dry-run", action="store_true", help="count what would be copied")

    def handle(self, *args, source, dry_run, **options):
        folder = Path(source)
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        report = stored_files_copy(
            folder, dry_run=dry_run, progress=lambda n: self.stdout.write(f"… {n} files looked at")
        )
        verb = "would copy" if dry_run else "copied"
        self.stdout.write(f"{verb} {report.copied}, already there {report.present}")
        for name in report.missing:
            self.stderr.write(f"missing in {folder}: {name}")
        for name in report.damaged:
            self.stderr.write(f"not the file that was stored (SHA-256 differs): {name}")
        if not report.complete:
            raise CommandError(
                f"{len(report.missing)} missing and {len(report.damaged)} damaged: the rows keep their "
                "names; find the files and run this again."
            )

"""The import's rules: upload → reading in the worker → columns → preview → import in the worker, and
what did not import.

jobs.py     upload, the columns, discarding an unstarted import
inspect.py  the worker's first reading of the file (layout, limits), or its refusal
preview.py  the first rows as they will be imported
run.py      starting, the whole-file check and the import in the worker
report.py   error entries and the CSV of rows not imported
"""

from tradewind.crm.imports.services.inspect import import_inspect, imports_analysing_stalled
from tradewind.crm.imports.services.jobs import (
    EDITABLE,
    import_discard,
    import_map,
    import_upload,
    layout_of,
    opener,
    require_read,
)
from tradewind.crm.imports.services.preview import PreviewRow, import_preview
from tradewind.crm.imports.services.report import error_entry, error_report
from tradewind.crm.imports.services.run import import_analyse, import_run, import_start, imports_stalled

__all__ = [
    "EDITABLE",
    "PreviewRow",
    "error_entry",
    "error_report",
    "import_analyse",
    "import_discard",
    "import_inspect",
    "import_map",
    "import_preview",
    "import_run",
    "import_start",
    "import_upload",
    "imports_analysing_stalled",
    "imports_stalled",
    "layout_of",
    "opener",
    "require_read",
]

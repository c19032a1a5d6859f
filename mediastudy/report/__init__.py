"""Reports: the whole analysis of a corpus in one folder, and the record of each run.

:func:`run_report` (what ``mediastudy report`` runs) lives in :mod:`.run`; its settings
in :mod:`.config`; the analysis steps in :mod:`.steps`; the parts of the page in
:mod:`.sections` (one module each); the page in :mod:`.html`; every file written in
:mod:`.outputs`; the run record in :mod:`.run_record`.
"""

from .config import REPORT_OPTIONS, read_config
from .run import run_report
from .run_record import file_fingerprints, write_run_record

__all__ = ["run_report", "read_config", "REPORT_OPTIONS", "write_run_record", "file_fingerprints"]

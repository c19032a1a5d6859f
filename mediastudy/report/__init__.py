"""Reports: the whole analysis of a corpus in one folder, and the record of each run."""

from .run import REPORT_OPTIONS, read_config, run_report
from .run_record import file_fingerprints, write_run_record

__all__ = ["run_report", "read_config", "REPORT_OPTIONS", "write_run_record", "file_fingerprints"]

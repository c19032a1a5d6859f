"""Reports: the whole analysis of a corpus in one folder, and the record of each run.

:func:`run_report` (what ``mediastudy report`` runs) lives in :mod:`.run`; its settings
in :mod:`.config`; the analysis steps in :mod:`.steps`; the parts of the page in
:mod:`.sections` (one module each); the page in :mod:`.html`; every file written in
:mod:`.outputs`; the run record in :mod:`.run_record`.
"""

from importlib import import_module as _import_module

# Each public name and the module that defines it, imported on first use: the command
# line reads REPORT_OPTIONS for its help without importing the analysis.
_SOURCES = {
    "run_report": "run",
    "read_config": "config",
    "REPORT_OPTIONS": "options",
    "write_run_record": "run_record",
    "file_fingerprints": "run_record",
}

__all__ = list(_SOURCES)


def __getattr__(name: str) -> object:
    if name not in _SOURCES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_import_module(f"{__name__}.{_SOURCES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

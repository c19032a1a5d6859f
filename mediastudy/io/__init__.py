"""Loading: articles from folders and tables into the corpus schema, the load report,
the bundled demo corpus, sentences an outlet repeats (boilerplate), and tables written
as one Excel workbook."""

from .boilerplate import find_boilerplate, remove_boilerplate
from .corpus import LoadReport, demo_path, load_articles, load_demo, load_report
from .select import select_articles
from .workbook import write_workbook

__all__ = ["load_articles", "load_report", "LoadReport", "load_demo", "demo_path", "find_boilerplate",
           "remove_boilerplate", "select_articles", "write_workbook"]

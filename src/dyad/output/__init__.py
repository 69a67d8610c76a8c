"""Writers for coded articles: JSON Lines of events or articles, CSV, and a readable table."""

from dyad.output.formats import FORMATS, Writer, make_writer

__all__ = ["FORMATS", "Writer", "make_writer"]

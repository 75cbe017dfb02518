"""`planparse serve`: a local web page over the library (upload, report, downloads)."""

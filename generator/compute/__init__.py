"""Compute: pure functions from validated documents to pandas tables (spec 10).

`report.compute_year` is the entry point, called by the pipeline
(`generator.pipeline.Project.report`); `planbook report`, the site and the XLSX
export all read the tables it returns, so a figure never differs between them.
"""

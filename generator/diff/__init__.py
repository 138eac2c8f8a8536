"""Diff: a semantic comparison of two plans (spec 11, `planbook diff`)."""

"""Render: page contexts, formatting filters and charts → Markdown pages, downloads and
assets; the years a build must redo, on two cores (`redo_years`, `split_work`); the
plans' histories from git (`plan_histories`); every table that leaves (`export`)."""

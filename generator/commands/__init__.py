"""The `planbook` commands, one module per group; `generator.cli` parses and dispatches."""

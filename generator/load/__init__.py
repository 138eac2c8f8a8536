"""Load: text → YAML nodes with marks → plain data with a source map."""

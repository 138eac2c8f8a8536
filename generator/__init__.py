"""Planbook: plans-as-code for e-commerce operations teams."""

__version__ = "0.1.0"

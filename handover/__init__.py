"""Handover: handle a client relationship when it changes and when it ends."""

__version__ = "0.1.0"

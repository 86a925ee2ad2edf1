"""Tradewind: a self-hosted workspace for export sales teams."""

__version__ = "0.1.0"

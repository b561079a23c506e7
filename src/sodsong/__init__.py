"""Sodsong (สอดส่อง): citizen oversight of public money, Thai first."""

__version__ = "0.1.0"

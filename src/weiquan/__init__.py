"""weiquan (维权): consumer rights defence for online and social commerce."""

__version__ = "0.1.0"

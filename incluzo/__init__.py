"""incluzo: a serious game about the competing values of inclusive education."""

__version__ = "0.1.0"

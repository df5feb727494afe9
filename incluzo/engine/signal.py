"""`Signal`: the base of a request that carries nothing but its kind (Help, Quit, Skip).

Such a request is a plain class, not a dataclass: made as dataclasses, the 34 of them compiled six
methods each at start-up (some 15 ms of the first frame on Python 3.11); this base gives them the same
behaviour once. Two signals are equal when they are of the same kind, they hash alike, cannot be changed,
print as `Help()` and match `case Help():` like any class.
"""

from __future__ import annotations

from typing import NoReturn


class Signal:
    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} carries nothing and cannot be changed")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} carries nothing and cannot be changed")

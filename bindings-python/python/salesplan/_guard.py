"""A panic of the Rust code is a bug, but it must reach Python as the
library's own error: this module wraps, once at import, every function of
the native module and every method, property and special method of its
classes, so that pyo3's ``PanicException`` (a ``BaseException``) arrives
as :class:`InternalError` (a ``SalesplanError`` with ``code ==
"internal"``), chained from it. (The two constructors, ``History`` and
``RuleSet``, which Python cannot wrap, catch their panics in Rust.)

The wrapping happens here rather than in each Rust export so that an
export added later is covered without anyone remembering to: the package
imports this module before anything reads the native module, and
``tests/test_panic.py`` checks that nothing callable was left out. The
cost is one Python call frame per call into the native module.
"""

from __future__ import annotations

import functools
import types
from typing import Any, Callable

from . import _native

_PANIC: Any = getattr(_native, "_PanicException")

# Attributes of a class that are not calls into the native code, or that
# Python itself needs untouched.
_LEFT_ALONE = frozenset(
    {
        "__doc__",
        "__module__",
        "__dict__",
        "__weakref__",
        "__text_signature__",
        "__getattribute__",
        "__setattr__",
        "__delattr__",
        "__init_subclass__",
        "__subclasshook__",
        "__class_getitem__",
        # Python cannot wrap a native `__new__` (its wrapper would call the
        # replacement, itself): the constructors, `History.__new__` and
        # `RuleSet.__new__`, catch their panics in Rust.
        "__new__",
    }
)

# What the wrapper sets on what it wraps, for the test that all is wrapped.
GUARDED = "__salesplan_guarded__"


def internal_error(panic: BaseException) -> _native.InternalError:
    """The :class:`InternalError` for a panic of the Rust code."""
    error = _native.InternalError(f"a bug in salesplan (please report it): {panic}")
    error.code = "internal"
    error.path = None
    return error


def guard(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, with a panic turned into :class:`InternalError`."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except _PANIC as panic:
            raise internal_error(panic) from panic

    setattr(guarded, GUARDED, True)
    return guarded


def _guard_attribute(attribute: Any) -> Any:
    """The guarded replacement of a class attribute, or None to leave it."""
    if isinstance(attribute, staticmethod):
        return staticmethod(guard(attribute.__func__))
    if isinstance(attribute, classmethod):
        return classmethod(guard(attribute.__func__))
    if isinstance(attribute, types.ClassMethodDescriptorType):
        return classmethod(guard(attribute))
    if isinstance(attribute, (types.MethodDescriptorType, types.WrapperDescriptorType)):
        return guard(attribute)
    if isinstance(attribute, types.GetSetDescriptorType):
        # The native classes have getters only (no setters).
        getter = guard(attribute.__get__)
        return property(getter, doc=attribute.__doc__)
    return None


def _guard_class(cls: type) -> None:
    for name, attribute in list(vars(cls).items()):
        if name in _LEFT_ALONE:
            continue
        replacement = _guard_attribute(attribute)
        if replacement is not None:
            setattr(cls, name, replacement)


def _install() -> None:
    if getattr(_native, GUARDED, False):
        return
    for name, value in list(vars(_native).items()):
        if isinstance(value, types.BuiltinFunctionType):
            setattr(_native, name, guard(value))
        elif isinstance(value, type) and not issubclass(value, BaseException):
            _guard_class(value)
    setattr(_native, GUARDED, True)


_install()

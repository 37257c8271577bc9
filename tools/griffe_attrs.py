"""A Griffe extension that gives attrs classes their constructor signature in the API reference.

Griffe reads the source, where an attrs class has no ``__init__`` (attrs writes it when the
class is created), so the reference would show ``Occurrence`` without its arguments. This
extension, loaded by ``mkdocs.yml`` (``extensions: [tools/griffe_attrs.py]``), imports each
class Griffe finds, and for an attrs class adds an ``__init__`` with the signature attrs
made: keyword-only markers, private fields under their public names, defaults, factories
shown as calls, and the declared types of the fields (``differs: tuple[str, ...] = ()``).
The types are parsed in the class's module, so they link to their entries like the rest
of the reference.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from typing import Any

import attrs
import griffe

_KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: griffe.ParameterKind.positional_only,
    inspect.Parameter.POSITIONAL_OR_KEYWORD: griffe.ParameterKind.positional_or_keyword,
    inspect.Parameter.VAR_POSITIONAL: griffe.ParameterKind.var_positional,
    inspect.Parameter.KEYWORD_ONLY: griffe.ParameterKind.keyword_only,
    inspect.Parameter.VAR_KEYWORD: griffe.ParameterKind.var_keyword,
}


def _runtime_class(cls: griffe.Class) -> type | None:
    """The class object itself, or ``None`` when it cannot be imported."""
    try:
        module = importlib.import_module(cls.module.path)
    except ImportError:
        return None
    obj: Any = module
    for part in cls.path.removeprefix(cls.module.path + ".").split("."):
        obj = getattr(obj, part, None)
    return obj if inspect.isclass(obj) else None


def _expression(text: str, parent: griffe.Class) -> str | griffe.Expr | None:
    """``text`` (an annotation or a default as written) as a Griffe expression."""
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        return text
    return griffe.safe_get_expression(node, parent=parent) or text


def _default(param: inspect.Parameter, field: attrs.Attribute | None) -> str | None:
    """The default as source text: ``repr`` of a value, ``f()`` for a factory."""
    if param.default is inspect.Parameter.empty:
        return None
    if param.default is attrs.NOTHING and field is not None:
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            return f"{getattr(default.factory, '__name__', 'factory')}()"
    return repr(param.default)


def init_parameters(obj: type, parent: griffe.Class) -> griffe.Parameters:
    """The parameters of the ``__init__`` attrs wrote for ``obj``, as Griffe parameters."""
    fields = {a.alias: a for a in attrs.fields(obj) if a.init}
    params = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for param in inspect.signature(obj).parameters.values():
        field = fields.get(param.name)
        # The field's declared type, as in the Attributes table; attrs gives a converted
        # field the converter's argument type (often ``object``) instead.
        annotation = param.annotation
        if field is not None and field.type is not None:
            annotation = field.type
        if annotation is inspect.Parameter.empty:
            annotation = None
        elif not isinstance(annotation, str):
            annotation = inspect.formatannotation(annotation)
        default = _default(param, field)
        params.append(
            griffe.Parameter(
                param.name,
                annotation=_expression(annotation, parent) if annotation else None,
                kind=_KINDS[param.kind],
                default=_expression(default, parent) if default is not None else None,
            )
        )
    return griffe.Parameters(*params)


class AttrsSignatures(griffe.Extension):
    """Give each attrs class the ``__init__`` attrs generates for it."""

    def on_class(self, *, cls: griffe.Class, **kwargs: Any) -> None:
        """Add ``__init__`` to ``cls`` when it is an attrs class without one in its source."""
        if "__init__" in cls.members:
            return
        obj = _runtime_class(cls)
        if obj is None or not attrs.has(obj):
            return
        init = griffe.Function(
            "__init__",
            lineno=cls.lineno,
            endlineno=cls.lineno,
            parent=cls,
            parameters=init_parameters(obj, cls),
            returns="None",
        )
        cls.set_member("__init__", init)

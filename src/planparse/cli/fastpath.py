"""`parse`, `diff` and `check` without importing typer.

Importing typer and building the command tree costs about four times a bare Python start-up,
more than reading a plan. The commands' options are declared once, for typer, in
planparse.cli.main. The first run of a command (through typer) writes a description of them,
taken from typer's own click commands, to the user cache folder: names, types, choices,
ranges, defaults. Later runs read the command line with that description and call the
command's body in planparse.cli.commands directly.

The fast path only takes command lines it reads without doubt. Anything else goes to typer,
which gives its usual answer or error: an unknown option, `--help`, a missing argument, a
value out of range or not among the choices, bundled short options, a description that is
missing, unreadable or of another version. The description is named by the identity (size,
modification time) of the files that declare the options and by the typer and Python versions,
so an edited option is never read from an old description.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

from planparse.private_cache import cache_file, read_private, write_private

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any

FAST_COMMANDS = ("parse", "diff", "check")
_SPEC_VERSION = 1


def _stamp() -> str:
    """What the description depends on: the CLI's sources, typer's version file, Python."""
    import importlib.util

    parts = [sys.version, str(_SPEC_VERSION)]
    here = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(here)):
        if name.endswith(".py"):
            st = os.stat(os.path.join(here, name))
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    typer_spec = importlib.util.find_spec("typer")
    if typer_spec is None or not typer_spec.origin:
        return ""
    st = os.stat(typer_spec.origin)
    parts.append(f"{typer_spec.origin}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def spec_path() -> str | None:
    """The description file for the installed sources (os.path: pathlib is one more import)."""
    stamp = _stamp()
    if not stamp:
        return None
    digest = f"{zlib.crc32(stamp.encode()):08x}{zlib.adler32(stamp.encode()):08x}"
    return cache_file(f"cli-{digest}", "1")


# ---------------------------------------------------------------------------------- writing


def _describe_param(param: Any) -> dict[str, Any] | None:
    """One click parameter as plain data, or None when it uses a feature the fast path does
    not read (then the command is left to typer)."""
    kind = type(param.type).__name__
    entry: dict[str, Any] = {
        "name": param.name,
        "argument": param.param_type_name == "argument",
        "opts": list(param.opts),
        "nargs": param.nargs,
        "multiple": bool(param.multiple),
        "required": bool(param.required),
        "flag": bool(getattr(param, "is_flag", False)),
    }
    if param.callback is not None or param.is_eager or getattr(param, "envvar", None):
        return None
    if param.secondary_opts or getattr(param, "count", False) or param.nargs not in (1, -1):
        return None
    default = param.default
    default = getattr(default, "value", default)  # an Enum default: its string
    if not isinstance(default, (str, int, float, bool, type(None))):
        return None
    entry["default"] = default
    if entry["flag"]:
        if kind != "BoolParamType":
            return None
        entry["type"] = "bool"
    elif kind in ("TyperChoice", "Choice"):
        if not getattr(param.type, "case_sensitive", True):
            return None
        entry["type"] = "choice"
        entry["choices"] = [getattr(c, "value", c) for c in param.type.choices]
    elif kind in ("TyperPath", "Path"):
        checks = ("exists", "resolve_path", "allow_dash")
        if any(getattr(param.type, name, False) for name in checks):
            return None
        entry["type"] = "path"
    elif kind in ("FloatRange", "IntRange", "FloatParamType", "IntParamType"):
        if getattr(param.type, "clamp", False):
            return None
        entry["type"] = "float" if "Float" in kind else "int"
        entry["min"] = getattr(param.type, "min", None)
        entry["max"] = getattr(param.type, "max", None)
        if getattr(param.type, "min_open", False) or getattr(param.type, "max_open", False):
            return None
    elif kind == "StringParamType":
        entry["type"] = "str"
    else:
        return None
    return entry


def describe(app: Any) -> dict[str, Any]:
    """The fast commands' parameters, read from typer's click commands."""
    import typer.main

    group = typer.main.get_command(app)
    help_names = list(getattr(group, "context_settings", {}).get("help_option_names", []))
    out: dict[str, Any] = {"help": help_names or ["--help"], "commands": {}}
    for name in FAST_COMMANDS:
        command = group.commands.get(name)  # type: ignore[attr-defined]
        if command is None or not command.allow_interspersed_args:
            continue
        params = [_describe_param(p) for p in command.params]
        if all(p is not None for p in params):
            out["commands"][name] = params
    return out


def store(app: Any) -> None:
    """Write the description if it is not there yet (called on typer's path)."""
    path = spec_path()
    if path is None or os.path.exists(path):
        return
    try:
        data = marshal.dumps(describe(app))
    except Exception:
        return
    write_private(path, data)


# ---------------------------------------------------------------------------------- reading


class _NotFast(Exception):
    """The command line is one for typer to read."""


def _convert(param: dict[str, Any], value: str) -> Any:
    kind = param["type"]
    if kind == "str":
        return value
    if kind == "path":
        from pathlib import Path

        return Path(value)
    if kind == "choice":
        if value not in param["choices"]:
            raise _NotFast
        return value
    try:
        number: float = float(value) if kind == "float" else int(value)
    except ValueError:
        raise _NotFast from None
    low, high = param.get("min"), param.get("max")
    if (low is not None and number < low) or (high is not None and number > high):
        raise _NotFast
    return number


def read_args(params: list[dict[str, Any]], args: list[str], help_names: list[str]) -> dict:
    """Keyword arguments for the command body, read the way click reads them (options
    anywhere, `--opt value`, `--opt=value`, `-o value`, `-ovalue`, `--` ending options);
    raises _NotFast for anything else."""
    options = {opt: p for p in params if not p["argument"] for opt in p["opts"]}
    values: dict[str, Any] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            positional += args[i:]
            break
        if arg in help_names:
            raise _NotFast
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            continue
        name, attached = arg, None
        if arg.startswith("--") and "=" in arg:
            name, attached = arg.split("=", 1)
        elif not arg.startswith("--") and len(arg) > 2:
            name, attached = arg[:2], arg[2:]
        param = options.get(name)
        if param is None:
            raise _NotFast
        if param["flag"]:
            if attached is not None:
                raise _NotFast  # bundled short flags, or --flag=value
            values[param["name"]] = True
            continue
        if attached is None:
            if i >= len(args):
                raise _NotFast
            attached = args[i]
            i += 1
        value = _convert(param, attached)
        if param["multiple"]:
            values.setdefault(param["name"], []).append(value)
        else:
            values[param["name"]] = value
    arguments = [p for p in params if p["argument"]]
    fixed = sum(1 for p in arguments if p["nargs"] == 1)
    if len(positional) < sum(1 for p in arguments if p["required"]):
        raise _NotFast
    if len(positional) > fixed and not any(p["nargs"] == -1 for p in arguments):
        raise _NotFast
    spare = len(positional) - fixed  # what a variadic argument takes
    for p in arguments:
        if p["nargs"] == -1:
            taken, positional = positional[: max(spare, 0)], positional[max(spare, 0) :]
            values[p["name"]] = [_convert(p, v) for v in taken] or p["default"]
        elif positional:
            values[p["name"]] = _convert(p, positional.pop(0))
    for p in params:
        if p["name"] not in values:
            if p["required"]:
                raise _NotFast
            values[p["name"]] = p["default"]
    return values


def _load_spec(path: str) -> dict[str, Any] | None:
    data = read_private(path)
    if data is None:
        return None
    try:
        spec = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    return spec if isinstance(spec, dict) and isinstance(spec.get("commands"), dict) else None


def fast_kwargs(args: list[str]) -> tuple[str, dict[str, Any]] | None:
    """The command and its keyword arguments, when the fast path can read ``args``."""
    if not args or args[0] not in FAST_COMMANDS:
        return None
    path = spec_path()
    spec = _load_spec(path) if path else None
    if spec is None:
        return None
    params = spec["commands"].get(args[0])
    if not isinstance(params, list):
        return None
    try:
        return args[0], read_args(params, args[1:], list(spec.get("help", ["--help"])))
    except (_NotFast, KeyError, TypeError, IndexError):
        return None


def run(args: list[str]) -> None:
    """Run the command in ``args`` (the language option already taken out) if the fast path
    can read it; return without doing anything otherwise."""
    found = fast_kwargs(args)
    if found is None:
        return
    name, kwargs = found
    from planparse.cli import commands

    try:
        getattr(commands, name)(**kwargs)
    except KeyboardInterrupt:  # as click answers it
        sys.stderr.write("\nAborted!\n")
        raise SystemExit(1) from None
    raise SystemExit(0)

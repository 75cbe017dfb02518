"""Government units: one shared schema (schemas/units.toml) and a normalizer.

A printed unit such as 县人力资源和社会保障局, 市人社局, 山西省民政厅 or 市生态环境局泽州分局 is
split into place, level, core name and branch, then resolved against the schema's aliases so
that a county plan and its city plan can be compared department by department.

The code knows only the shape of a name; every word (levels, organ words, suffixes, aliases,
collective patterns) comes from the schema. Resolution never guesses silently: a name is
`exact`, `alias`, `fuzzy` (with its score), `collective`, or `unknown`. A name the unit bore
before an institutional reform (市经贸委, 县卫计委) resolves to today's id with its `era`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from planparse.resources import parse_toml, schema_path, simplified_characters

TYPE_CHECKING = False  # typing is not imported at run time: start-up (see cli/launch)
if TYPE_CHECKING:
    from typing import Any

# rapidfuzz's fuzz.ratio (normalized Indel similarity, 0-100) of the core against an alias.
# Department names are short, so one character is worth a lot; 88 is chosen from these pairs:
#   人力资源和社保局 / 人力资源和社会保障局  88.9  a clipped spelling: accepted
#   市场监督管理 / 市场监督管理局          92.3  a dropped suffix: accepted
#   文化和体育局 / 文化和旅游体育局        85.7  a different remit, not a typo: rejected
#   卫生建康委 / 卫生健康委                80.0  one wrong character in five: rejected, since
#                                                that is also the distance between two real
#                                                bodies (政法委员会 / 政协委员会)
#   民政局局长 / 民政局                    75.0  a person's title: rejected
#   财务局 / 财政局                        66.7  rejected
# tests/test_units.py checks these and that no two units' aliases come this close.
DEFAULT_FUZZY_THRESHOLD = 88.0

KINDS = frozenset(
    {
        "government_department",
        "party_organ",
        "mass_organization",
        "public_institution",
        "coordinating_body",
        "vertical_branch",
        "legislature_judiciary",
    }
)
LEVELS = frozenset({"province", "city", "county", "township"})
ROLES = ("lead", "participating", "responsible")
_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    functions: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    former: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (era, names) before a reform


@dataclass(frozen=True)
class Collective:
    label: str
    prefix: tuple[str, ...] = ()
    suffix: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    level: str | None = None

    def opens(self, text: str) -> bool:
        return any(text.startswith(p) for p in self.prefix)

    def matches(self, text: str) -> bool:
        return (
            self.opens(text)
            or any(text.endswith(s) for s in self.suffix)
            or any(c in text for c in self.contains)
        )


@dataclass(eq=False)  # hashed by identity so that lookups can be cached per schema
class UnitSchema:
    path: Path
    units: dict[str, Unit]
    index: dict[str, str]  # normalized name or alias -> unit id
    levels: dict[str, str]  # level word -> normalized level
    level_sizes: tuple[int, ...]  # lengths of the level words, longest first
    organs: tuple[str, ...]
    ignore_prefixes: tuple[str, ...]
    etc_suffixes: tuple[str, ...]  # 等 / 等部门 after a unit: "and others"
    not_in_place: tuple[str, ...]
    not_a_government: tuple[str, ...]
    branch_suffixes: tuple[str, ...]
    suffix_equivalents: tuple[tuple[str, tuple[str, ...]], ...]
    collectives: tuple[Collective, ...]
    patterns: tuple[tuple[re.Pattern[str], str], ...] = field(default=())
    eras: dict[str, str] = field(default_factory=dict)  # normalized former name -> era
    jurisdiction_kinds: tuple[str, ...] = ()  # 县级市, 街道 … (continue a 各… collective)
    jurisdiction_bodies: tuple[str, ...] = ()  # 人民政府, 办事处 … after such a kind


@dataclass(frozen=True)
class UnitMatch:
    """A printed unit resolved against the schema.

    For collective entries `id` is None and `canonical` is the group's label from the schema.
    `level`/`place` are read from the printed name; for `unknown` they are a best effort.
    """

    name: str
    id: str | None
    canonical: str | None
    level: str | None
    place: str | None
    core: str
    match: str  # exact | alias | fuzzy | collective | unknown
    score: float | None
    branch: str | None
    kind: str | None
    functions: tuple[str, ...]
    era: str | None = None  # set when the name is one from before a reform (pre-2018 …)


@dataclass
class UnitRow:
    name: str
    id: str | None
    canonical: str | None
    level: str | None
    match: str
    score: float | None
    era: str | None = None
    lead: int = 0
    participating: int = 0
    responsible: int = 0
    files: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.lead + self.participating + self.responsible


def _fold(text: str) -> str:
    # NFKC folds full-width brackets and commas so （市、区） and (市、区) compare equal.
    return "".join(unicodedata.normalize("NFKC", text).translate(simplified_characters()).split())


def _norm(text: str) -> str:
    """A printed name as compared: folded, without the list punctuation around it."""
    return _fold(text).strip("。.;；,，、:：")


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{where}: expected a list of non-empty strings")
    return tuple(value)


def _compile_pattern(pattern: str, level_words: Iterable[str]) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(level_words, key=len, reverse=True))
    slots = {"{L}": f"(?P<level>{words})", "{P}": f"(?P<place>.{{0,12}}?(?:{words}))"}
    parts = re.split(r"(\{[LP]\})", _fold(pattern))
    return re.compile("^" + "".join(slots.get(p, re.escape(p)) for p in parts) + "$")


def _build(path: Path, raw: dict[str, Any]) -> UnitSchema:
    levels = {_fold(k): v for k, v in raw["levels"].items()}
    if bad := sorted(set(levels.values()) - LEVELS):
        raise ValueError(f"{path}: unknown levels {bad}")
    units: dict[str, Unit] = {}
    index: dict[str, str] = {}
    eras: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for entry in raw["unit"]:
        uid = entry.get("id", "")
        where = f"{path}: unit {uid or entry.get('name')!r}"
        if not _SLUG.match(uid) or uid in units:
            raise ValueError(f"{where}: id must be a unique ASCII slug")
        if entry.get("kind") not in KINDS:
            raise ValueError(f"{where}: kind must be one of {sorted(KINDS)}")
        unit = Unit(
            id=uid,
            name=_norm(entry["name"]),
            aliases=_strings(entry.get("aliases", []), where),
            kind=entry["kind"],
            functions=_strings(entry["functions"], where),
            patterns=_strings(entry.get("patterns", []), where),
            former=_former(entry.get("former", []), where),
        )
        units[uid] = unit
        for alias in {unit.name, *map(_norm, unit.aliases)}:
            if index.setdefault(alias, uid) != uid:
                raise ValueError(f"{where}: alias {alias!r} already belongs to {index[alias]}")
        for era, names in unit.former:
            for alias in map(_norm, names):
                if index.setdefault(alias, uid) != uid or alias in eras:
                    raise ValueError(f"{where}: former name {alias!r} is already taken")
                eras[alias] = era
        patterns += [(_compile_pattern(p, levels), uid) for p in unit.patterns]
    collectives = tuple(
        Collective(
            label=c["label"],
            prefix=tuple(map(_fold, c.get("prefix", []))),
            suffix=tuple(map(_fold, c.get("suffix", []))),
            contains=tuple(map(_fold, c.get("contains", []))),
            level=c.get("level"),
        )
        for c in raw.get("collective", [])
    )
    joins = raw.get("collective_list", {})
    return UnitSchema(
        path=path,
        units=units,
        index=index,
        levels=levels,
        level_sizes=tuple(sorted({len(w) for w in levels}, reverse=True)),
        organs=tuple(map(_fold, raw["prefix"]["organs"])),
        ignore_prefixes=tuple(map(_fold, raw["prefix"]["ignore"])),
        etc_suffixes=tuple(
            sorted(map(_fold, raw.get("suffix", {}).get("etc", [])), key=len, reverse=True)
        ),
        not_in_place=tuple(map(_fold, raw["place"]["not_in_name"])),
        not_a_government=tuple(map(_fold, raw["place"].get("not_a_government", []))),
        branch_suffixes=tuple(map(_fold, raw["branch"]["suffixes"])),
        suffix_equivalents=tuple(
            (_fold(s["printed"]), tuple(map(_fold, s["try"])))
            for s in raw.get("suffix_equivalent", [])
        ),
        collectives=collectives,
        patterns=tuple(patterns),
        eras=eras,
        jurisdiction_kinds=tuple(sorted(map(_fold, joins.get("kinds", [])), key=len, reverse=True)),
        jurisdiction_bodies=tuple(map(_fold, joins.get("bodies", []))),
    )


def _former(value: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, list):
        raise ValueError(f"{where}: former must be a list of {{ era, names }} tables")
    groups = []
    for group in value:
        if not isinstance(group, dict) or not isinstance(group.get("era"), str):
            raise ValueError(f"{where}: every former group needs an era and names")
        groups.append((group["era"], _strings(group.get("names"), where)))
    return tuple(groups)


@lru_cache(maxsize=8)
def _load(path: Path) -> UnitSchema:
    from planparse.units.schema_cache import cached

    source = path.read_bytes()
    schema = cached(source, __file__, UnitSchema, lambda: _build(path, parse_toml(source)))
    schema.path = path  # the same text may be cached from another copy of the file
    return schema


@lru_cache(maxsize=1)
def _default_schema() -> UnitSchema:
    return _load(schema_path("units.toml"))


def load_schema(path: str | Path | None = None) -> UnitSchema:
    """The unit schema, schemas/units.toml by default; parsed once per path."""
    return _default_schema() if path is None else _load(Path(path).resolve())


@dataclass(frozen=True)
class _Split:
    cut: int  # characters of the printed name taken by place + level + organ word
    level: str | None
    place: str | None


def _level_of(text: str, schema: UnitSchema) -> tuple[str, str] | None:
    """The level word `text` ends with (longest), and its normalized level."""
    for size in schema.level_sizes:
        word = text[-size:]
        if len(text) >= size and word in schema.levels:
            return word, schema.levels[word]
    return None


def _splits(text: str, schema: UnitSchema) -> list[_Split]:
    """Every way to read a prefix of `text` as place + level word (+ organ word), shortest first."""
    found = [_Split(0, None, None)]
    for cut in range(1, len(text)):
        prefix = text[:cut]
        for organ in ("", *schema.organs):
            if organ and not prefix.endswith(organ):
                continue
            head = prefix[: len(prefix) - len(organ)]
            hit = _level_of(head, schema)
            if hit is None:
                continue
            word, level = hit
            name = head[: -len(word)]
            if name and (name in schema.levels or any(w in name for w in schema.not_in_place)):
                continue
            found.append(_Split(cut, level, head if name else None))
            break
    return found


def _lookup(core: str, schema: UnitSchema) -> str | None:
    """The schema name or alias `core` reads as, as printed or with an equivalent suffix
    (民政厅 -> 民政局); its unit is ``schema.index[key]``."""
    if core in schema.index:
        return core
    for printed, targets in schema.suffix_equivalents:
        if core.endswith(printed) and len(core) > len(printed):
            stem = core[: -len(printed)]
            for target in targets:
                if stem + target in schema.index:
                    return stem + target
    return None


def _branch(core: str, schema: UnitSchema) -> tuple[str, str, str] | None:
    """(matched key, parent core, branch) for 生态环境局泽州分局 — or 国土分局, the branch of
    国土局 named by the parent's stem; the longest parent wins."""
    for suffix in schema.branch_suffixes:
        if not core.endswith(suffix):
            continue
        for cut in range(len(core) - len(suffix), 0, -1):
            parent = core[:cut]
            if cut < len(core) - len(suffix):
                key = _lookup(parent, schema)
                if key is not None:
                    return key, parent, core[cut:]
            elif suffix.endswith("局"):
                key = _lookup(parent + "局", schema)
                if key is not None:
                    return key, parent + "局", core[cut:]
    return None


def _result(
    name: str,
    split: _Split,
    core: str,
    schema: UnitSchema,
    uid: str | None,
    match: str,
    *,
    canonical: str | None = None,
    score: float | None = None,
    branch: str | None = None,
    era: str | None = None,
) -> UnitMatch:
    unit = schema.units[uid] if uid else None
    if unit is not None and match == "alias":
        match = "exact" if core == unit.name else "alias"
        score = 100.0
    return UnitMatch(
        name=name,
        id=uid,
        canonical=unit.name if unit else canonical,
        level=split.level,
        place=split.place,
        core=core,
        match=match,
        score=score,
        branch=branch,
        kind=unit.kind if unit else None,
        functions=unit.functions if unit else (),
        era=era,
    )


def _fuzzy(
    text: str, splits: list[_Split], schema: UnitSchema, threshold: float
) -> tuple[_Split, str, str, float] | None:
    from rapidfuzz import fuzz, process  # lazily: keeps `import planparse.units.normalize` cheap

    choices = list(schema.index)
    hits: list[tuple[float, int, str, _Split, str, str]] = []
    for split in splits:
        core = text[split.cut :]
        for alias, score, _ in process.extract(
            core, choices, scorer=fuzz.ratio, limit=3, score_cutoff=threshold
        ):
            hits.append((score, split.cut, schema.index[alias], split, core, alias))
    if not hits:
        return None
    hits.sort(key=lambda h: (h[0], h[1]), reverse=True)
    best = hits[0]
    # Two different units equally close is a coin toss, not a match.
    if any(h[0] == best[0] and h[2] != best[2] for h in hits[1:]):
        return None
    return best[3], best[4], best[5], round(best[0], 1)


@lru_cache(maxsize=8192)
def _normalize(name: str, schema: UnitSchema, threshold: float) -> UnitMatch:
    text = _norm(name)
    for prefix in schema.ignore_prefixes:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    for suffix in schema.etc_suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    splits = _splits(text, schema)
    # The longest prefix is the best guess at place and level when nothing resolves.
    outer = max(splits, key=lambda s: s.cut)

    for group in schema.collectives:
        if group.matches(text):
            # 各乡镇… opens with the group word, so there is no place to read off it.
            split = _Split(0, None, None) if group.opens(text) else outer
            split = _Split(split.cut, group.level or split.level, split.place)
            core = text[split.cut :]
            return _result(name, split, core, schema, None, "collective", canonical=group.label)

    for pattern, uid in schema.patterns:
        m = pattern.match(text)
        if m:
            groups = m.groupdict()
            place = groups.get("place")
            hit = _level_of(groups.get("level") or place or "", schema)
            split = _Split(0, hit[1] if hit else None, place)
            return _result(name, split, text, schema, uid, "alias")

    # Shortest prefix first: 市场监管局 is a department, not 市 + 场监管局.
    for split in splits:
        core = text[split.cut :]
        key = _lookup(core, schema)
        if key is not None:
            uid, era = schema.index[key], schema.eras.get(key)
            return _result(name, split, core, schema, uid, "alias", era=era)
    for split in splits:
        hit = _branch(text[split.cut :], schema)
        if hit is not None:
            key, parent, branch = hit
            uid, era = schema.index[key], schema.eras.get(key)
            return _result(name, split, parent, schema, uid, "alias", branch=branch, era=era)

    government = _bare_place(text, schema)
    if government is not None:
        return _result(name, government, "", schema, "government", "alias")

    fuzzy = _fuzzy(text, splits, schema, threshold)
    if fuzzy is not None:
        split, core, key, score = fuzzy
        uid, era = schema.index[key], schema.eras.get(key)
        return _result(name, split, core, schema, uid, "fuzzy", score=score, era=era)
    return _result(name, outer, text[outer.cut :], schema, None, "unknown")


def _bare_place(text: str, schema: UnitSchema) -> _Split | None:
    """越秀区 named as a unit: the government of that place (level and place read off it)."""
    hit = _level_of(text, schema)
    if hit is None or "government" not in schema.units:
        return None
    name = text[: -len(hit[0])]
    if not 2 <= len(name) <= 8 or name in schema.levels:
        return None
    if any(w in name for w in (*schema.not_in_place, *schema.not_a_government)):
        return None
    return _Split(len(text), hit[1], text)


def normalize_unit(
    name: str,
    schema: UnitSchema | None = None,
    *,
    fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD,
) -> UnitMatch:
    """Resolve one printed unit name (县人社局, 团市委, 各有关单位 …) against the schema."""
    if len(name) > MAX_NAME_CHARS:  # not a unit name; matching it would cost quadratic time
        return UnitMatch(name, None, None, None, None, name, "unknown", None, None, None, ())
    return _normalize(name, schema or load_schema(), float(fuzzy_threshold))


# The longest real unit names (a committee's 各成员单位, about 20 characters) stay well below this.
MAX_NAME_CHARS = 40


def continues_collective(previous: str, name: str, schema: UnitSchema | None = None) -> bool:
    """Whether ``name``, printed after ``previous`` and a 、, belongs to the same collective:
    各区、县级市 and 各乡镇人民政府、街道办事处 are one entry each, not a unit list."""
    schema = schema or load_schema()
    head = _fold(previous)
    if not any(group.opens(head) for group in schema.collectives if group.prefix):
        return False
    tail = _fold(name).removeprefix("有关")
    for kind in schema.jurisdiction_kinds:
        if not tail.startswith(kind):
            continue
        rest = tail[len(kind) :]
        if rest.startswith("(") and rest.endswith(")"):
            return True  # 县(市、区)
        if rest == "" or rest in schema.jurisdiction_bodies:
            return True
    return False


def same_unit(a: UnitMatch, b: UnitMatch) -> bool:
    """Whether two printed units are counterparts: the same id, or a merged department that
    covers the other's function (县卫生健康和体育局 ~ 市体育局). Unknown names never match."""
    if a.id is not None and a.id == b.id:
        return True
    if a.match == b.match == "collective":
        return a.canonical == b.canonical
    return bool(set(a.functions) & set(b.functions))


def units_report(entries: Iterable[tuple[str, str, str]]) -> list[UnitRow]:
    """One row per distinct printed unit name, from (file, unit name, role) entries, most
    frequent first."""
    rows: dict[str, UnitRow] = {}
    for file, name, role in entries:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} for {name!r}; expected one of {ROLES}")
        key = name.strip()
        row = rows.get(key)
        if row is None:
            m = normalize_unit(key)
            row = rows[key] = UnitRow(key, m.id, m.canonical, m.level, m.match, m.score, m.era)
        setattr(row, role, getattr(row, role) + 1)
        if file not in row.files:
            row.files.append(file)
    return sorted(rows.values(), key=lambda r: (-r.total, r.name))

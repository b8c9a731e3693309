"""Checks that the traceability entries tell the truth.

Each function returns a list of problems (plain sentences naming the provision), empty
when all is well, so a test can show every problem at once and the checker itself can be
tested against a deliberately wrong entry.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from putright.provisions.catalogue import Provision
from putright.provisions.traceability import CLASSIFICATIONS, STATUSES, Answer

# pytest's default collection rules (pyproject does not change them).
TEST_FILE_PREFIX = "test_"
TEST_FILE_SUFFIX = "_test.py"
TEST_FUNCTION_PREFIX = "test"
TEST_CLASS_PREFIX = "Test"


def coverage_problems(provisions: Iterable[Provision], answers: Mapping[str, Answer]) -> list[str]:
    """Every provision has exactly one entry, and no entry names a provision the Code lacks."""
    numbers = [p.number for p in provisions]
    problems = [f"Provision {n} has no traceability entry." for n in numbers if n not in answers]
    known = set(numbers)
    problems += [
        f"Traceability entry {n} names a provision the Code does not have."
        for n in answers
        if n not in known
    ]
    return problems


def answer_problems(number: str, answer: Answer, *, root: Path) -> list[str]:
    """What is wrong with one entry: its values, its tests, and the code it names."""
    problems: list[str] = []
    if answer.classification not in CLASSIFICATIONS:
        problems.append(
            f"Provision {number}: classification {answer.classification!r} is not one of "
            f"{', '.join(CLASSIFICATIONS)}."
        )
    if answer.status not in STATUSES:
        problems.append(
            f"Provision {number}: status {answer.status!r} is not one of {', '.join(STATUSES)}."
        )
    if not answer.note.strip():
        problems.append(f"Provision {number}: the note is empty.")
    if answer.needs_tests and not answer.tests:
        problems.append(
            f"Provision {number} is implemented and {answer.classification} but names no test."
        )
    if answer.status == "implemented" and not answer.answered_by:
        problems.append(f"Provision {number} is implemented but names nothing that answers it.")
    for node_id in answer.tests:
        problem = node_id_problem(node_id, root=root)
        if problem:
            problems.append(f"Provision {number}: {problem}")
    for path in answer.answered_by:
        problem = dotted_path_problem(path)
        if problem:
            problems.append(f"Provision {number}: {problem}")
    return problems


def node_id_problem(node_id: str, *, root: Path) -> str | None:
    """Why the pytest node id ``node_id`` names no test under ``root``; None when it does.

    The file is parsed, not imported, so a test is found without running anything. A
    parametrised case (``::test_x[6.2]``) is accepted when its test function exists.
    """
    file_part, _, rest = node_id.partition("::")
    names = rest.split("::") if rest else []
    if not names or not all(names):
        return f"{node_id!r} is not a test node id (path/to/test_file.py::test_name)."
    path = root / file_part
    filename = Path(file_part).name
    if not (
        filename.endswith(".py")
        and (filename.startswith(TEST_FILE_PREFIX) or filename.endswith(TEST_FILE_SUFFIX))
    ):
        return f"{file_part} is not a file pytest collects tests from."
    if not path.is_file():
        return f"test file {file_part} does not exist."
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as error:
        return f"test file {file_part} does not parse: {error.msg} (line {error.lineno})."

    body: list[ast.stmt] = tree.body
    *classes, function = names
    function = function.partition("[")[0]  # test_x[6.2] names one case of a parametrised test
    for class_name in classes:
        found = next(
            (n for n in body if isinstance(n, ast.ClassDef) and n.name == class_name), None
        )
        if found is None or not class_name.startswith(TEST_CLASS_PREFIX):
            return f"test class {class_name} does not exist in {file_part}."
        body = found.body
    for node in body:
        if (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name == function
            and function.startswith(TEST_FUNCTION_PREFIX)
        ):
            return None
    return f"test {'::'.join(names)} does not exist in {file_part}."


def dotted_path_problem(path: str) -> str | None:
    """Why ``path`` (``module`` or ``module.attribute``) does not resolve; None when it does."""
    parts = path.split(".")
    if not all(part.isidentifier() for part in parts):
        return f"{path!r} is not a dotted Python path."
    for split in range(len(parts), 0, -1):
        module_name = ".".join(parts[:split])
        try:
            target: object = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            # Only a missing module *on this path* means "try a shorter prefix"; any other
            # missing import is a broken module that should be reported as such.
            if error.name and (module_name + ".").startswith(error.name + "."):
                continue
            return f"{path} does not import: {error}."
        except Exception as error:
            return f"{path} does not import: {type(error).__name__}: {error}."
        for attribute in parts[split:]:
            if not hasattr(target, attribute):
                return f"{path} does not exist: {module_name} has no {'.'.join(parts[split:])}."
            target = getattr(target, attribute)
        return None
    return f"{path} does not exist: no module {parts[0]}."


def traceability_problems(
    provisions: Iterable[Provision], answers: Mapping[str, Answer], *, root: Path
) -> list[str]:
    """Every problem with the whole table."""
    provisions = list(provisions)
    problems = coverage_problems(provisions, answers)
    for number, answer in answers.items():
        problems += answer_problems(number, answer, root=root)
    return problems

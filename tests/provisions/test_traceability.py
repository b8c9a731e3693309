"""Every provision says how the system answers it, and what it names exists.

"A test fails when a provision marked enforced or evidenced names a test that does not exist."
"""

from __future__ import annotations

import ast
import inspect

import pytest
from django.conf import settings

from putright.provisions import traceability
from putright.provisions.catalogue import provisions_all
from putright.provisions.checks import (
    answer_problems,
    coverage_problems,
    dotted_path_problem,
    node_id_problem,
    traceability_problems,
)
from putright.provisions.traceability import ANSWERS, CLASSIFICATIONS, STATUSES, Answer

NUMBERS = [p.number for p in provisions_all()]
ROOT = settings.BASE_DIR


def test_every_provision_has_exactly_one_traceability_entry():
    assert coverage_problems(provisions_all(), ANSWERS) == []
    # A repeated key in a dict literal silently replaces the first entry: count the source's.
    tree = ast.parse(inspect.getsource(traceability))
    literal = next(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id == "ANSWERS"
    )
    assert isinstance(literal, ast.Dict)
    keys = [ast.literal_eval(key) for key in literal.keys if key is not None]
    assert sorted(keys) == sorted(NUMBERS)


def test_every_entry_has_a_valid_classification_status_and_note():
    problems = [
        f"Provision {number}: {answer.classification!r}, {answer.status!r}, note {answer.note!r}"
        for number, answer in ANSWERS.items()
        if answer.classification not in CLASSIFICATIONS
        or answer.status not in STATUSES
        or not answer.note.strip()
    ]
    assert problems == []


def test_an_implemented_enforced_or_evidenced_provision_names_tests_that_exist():
    problems = [
        f"Provision {number} is implemented and {answer.classification} but names no test."
        for number, answer in ANSWERS.items()
        if answer.needs_tests and not answer.tests
    ]
    for number, answer in ANSWERS.items():
        for node_id in answer.tests:
            problem = node_id_problem(node_id, root=ROOT)
            if problem:
                problems.append(f"Provision {number}: {problem}")
    assert problems == []


def test_everything_an_entry_names_as_answering_it_imports():
    problems = []
    for number, answer in ANSWERS.items():
        for path in answer.answered_by:
            problem = dotted_path_problem(path)
            if problem:
                problems.append(f"Provision {number}: {problem}")
    assert problems == []


def test_the_whole_table_has_no_problems():
    assert traceability_problems(provisions_all(), ANSWERS, root=ROOT) == []


# -- The checker itself can fail ---------------------------------------------------------------


@pytest.fixture
def project_root(tmp_path):
    """A project root with one test file holding a function and a class of tests."""
    folder = tmp_path / "tests" / "complaints"
    folder.mkdir(parents=True)
    (folder / "test_stages.py").write_text(
        "def test_stage_two_handler_must_differ_from_stage_one_handler():\n"
        "    pass\n\n"
        "def helper():\n"
        "    pass\n\n"
        "class TestEscalation:\n"
        "    def test_no_reason_is_required(self):\n"
        "        pass\n",
        encoding="utf-8",
    )
    return tmp_path


def _enforced(
    *tests: str, answered_by: tuple[str, ...] = ("putright.core.models.Event",)
) -> Answer:
    return Answer(
        classification="enforced",
        status="implemented",
        answered_by=answered_by,
        tests=tests,
        note="A fake entry for testing the checker.",
    )


def test_the_checker_accepts_tests_that_exist_at_top_level_and_in_classes(project_root):
    answer = _enforced(
        "tests/complaints/test_stages.py::test_stage_two_handler_must_differ_from_stage_one_handler",
        "tests/complaints/test_stages.py::TestEscalation::test_no_reason_is_required",
        "tests/complaints/test_stages.py::TestEscalation::test_no_reason_is_required[by-email]",
    )
    assert answer_problems("6.13", answer, root=project_root) == []


def test_the_checker_reports_a_test_that_does_not_exist(project_root):
    answer = _enforced("tests/complaints/test_stages.py::test_stage_two_may_be_anyone")
    assert answer_problems("6.13", answer, root=project_root) == [
        "Provision 6.13: test test_stage_two_may_be_anyone does not exist in "
        "tests/complaints/test_stages.py."
    ]


def test_the_checker_reports_a_test_file_that_does_not_exist(project_root):
    answer = _enforced("tests/complaints/test_missing.py::test_anything")
    assert answer_problems("6.13", answer, root=project_root) == [
        "Provision 6.13: test file tests/complaints/test_missing.py does not exist."
    ]


@pytest.mark.parametrize(
    "node_id",
    [
        "tests/complaints/test_stages.py::helper",  # not collected by pytest
        "tests/complaints/test_stages.py::test_no_reason_is_required",  # only inside the class
        "tests/complaints/test_stages.py::TestMissing::test_no_reason_is_required",
        "tests/complaints/test_stages.py",  # a file is not a test
        "tests/complaints/stages.py::test_anything",  # not a test file
    ],
)
def test_the_checker_reports_references_pytest_would_not_run(project_root, node_id):
    problems = answer_problems("6.13", _enforced(node_id), root=project_root)
    assert len(problems) == 1
    assert problems[0].startswith("Provision 6.13: ")


def test_the_checker_reports_an_implemented_enforced_provision_without_tests(project_root):
    assert answer_problems("6.13", _enforced(), root=project_root) == [
        "Provision 6.13 is implemented and enforced but names no test."
    ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("putright.core.models.Event", None),
        ("putright.core.services", None),
        ("putright.core.models.Event.objects", None),
        ("putright.core.models.Complaint", "putright.core.models has no Complaint"),
        ("putright.nowhere.services.complaint_escalate", "putright has no nowhere"),
        ("not a path", "is not a dotted Python path"),
    ],
)
def test_the_checker_resolves_what_answers_a_provision(path, expected):
    problem = dotted_path_problem(path)
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and expected in problem


def test_an_entry_with_unknown_code_is_reported_against_its_provision(project_root):
    answer = _enforced(
        "tests/complaints/test_stages.py::test_stage_two_handler_must_differ_from_stage_one_handler",
        answered_by=("putright.nonexistent_app.services.stage_assign",),
    )
    problems = answer_problems("6.13", answer, root=project_root)
    assert len(problems) == 1 and problems[0].startswith("Provision 6.13: putright.nonexistent_app")


def test_coverage_reports_missing_and_unknown_entries():
    answers = {n: a for n, a in ANSWERS.items() if n != "6.13"} | {"6.21": ANSWERS["6.13"]}
    assert coverage_problems(provisions_all(), answers) == [
        "Provision 6.13 has no traceability entry.",
        "Traceability entry 6.21 names a provision the Code does not have.",
    ]


def test_a_single_reference_written_without_its_trailing_comma_is_refused():
    with pytest.raises(TypeError):
        Answer(
            classification="enforced",
            status="planned",
            tests=("tests/core/test_event_record.py::test_x"),  # type: ignore[arg-type]
            note="A string, not a tuple.",
        )

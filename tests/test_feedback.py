"""Failure classification and the Professor's reactions (game.feedback): every class gets its
own voice and a specific next step built from the case data."""

from __future__ import annotations

import pytest

from game.feedback import classify, primary_case, react
from game.feedback.advice import dtype_advice, exception_advice, shape_advice, values_advice
from game.feedback.focus import focus
from game.feedback.professor import _LINES
from game.feedback.samples import sample_runs, tensor
from game.runner.protocol import CaseResult, RunResult, TraceOp, ValuePreview

RUNS = sample_runs()
FAILURE_CLASSES = [
    "shape",
    "dtype",
    "device",
    "values",
    "nan",
    "type",
    "exception",
    "timeout",
    "memory",
    "rule",
    "missing_function",
    "syntax",
    "output_limit",
    "tampering",
]

# A fact from the sample's data that the reaction must mention (headline, detail or step).
SPECIFIC = {
    "shape": "[3, 1]",
    "dtype": "int64",
    "device": "cuda:0",
    "values": "[1, 2]",
    "nan": "1 NaN",
    "type": "list [1, 2, 3]",
    "exception": "size of tensor a (3)",
    "timeout": "vectorise",
    "memory": "intermediate",
    "rule": "torch.einsum",
    "missing_function": "summon",
    "syntax": "line 2",
    "output_limit": "x.shape",
    "tampering": "clone()",
}


@pytest.mark.parametrize("cls", FAILURE_CLASSES)
def test_every_class_is_recognised_and_voiced(cls: str) -> None:
    result = RUNS[cls]
    assert classify(result) == cls
    reaction = react(result)
    assert reaction.failure == cls
    said = f"{reaction.text} {reaction.next_step}"
    assert SPECIFIC[cls] in said
    assert reaction.next_step, "every failure needs a next step"
    assert said.strip().lower() not in ("wrong", "wrong answer", "incorrect")


def test_every_class_has_several_distinct_phrasings() -> None:
    for cls in FAILURE_CLASSES:
        assert len(set(_LINES[cls])) >= 3, cls


def test_variants_are_deterministic_and_vary_with_the_salt() -> None:
    result = RUNS["shape"]
    assert react(result, salt=1) == react(result, salt=1)
    headlines = {react(result, salt=i).headline for i in range(12)}
    assert len(headlines) >= 2


def test_the_issue_example_squeeze() -> None:
    reaction = react(RUNS["shape"])
    assert "[3, 1]" in reaction.headline and "[3]" in reaction.headline
    assert reaction.next_step.startswith("squeeze")


def test_pass_reactions_differ_for_try_and_submit() -> None:
    submit, tried = react(RUNS["pass_submit"]), react(RUNS["pass_try"])
    assert submit.failure is None and tried.failure is None
    assert "Submit" in tried.next_step
    assert "Mwahahaha" in submit.headline or "Magnificent" in submit.headline
    assert "fewer ops" in react(RUNS["pass_submit"], unmet_goal="fewer ops").next_step


@pytest.mark.parametrize(
    ("got", "expected", "needle"),
    [
        ([3, 1], [3], "squeeze(dim=1)"),
        ([1, 3], [3], "squeeze(dim=0)"),
        ([3], [3, 1], "unsqueeze"),
        ([4, 3], [3, 4], "transpose"),
        ([2, 3, 4], [4, 2, 3], "permute"),
        ([12], [3, 4], "reshape"),
        ([5, 3], [3], "dim=0"),
        ([3, 5], [3], "dim=-1"),
        ([4, 3], [5, 3], "off by one"),
        ([3, 1, 1], [3], "squeeze()"),
        ([3, 4], [3, 1], "broadcasting"),
        ([3], [3, 4], "keepdim"),
        ([2, 3, 4, 5], [5], "too many"),
    ],
)
def test_shape_advice_names_the_remedy(got: list[int], expected: list[int], needle: str) -> None:
    assert needle in shape_advice(got, expected)


def test_dtype_advice_names_the_cast() -> None:
    assert ".long()" in dtype_advice("torch.float32", "torch.int64")
    assert "float16" in dtype_advice("float32", "float16")
    assert ".half()" in dtype_advice("float32", "float16")


def test_values_advice_spots_common_slips() -> None:
    exp = tensor([[1.0, 2.0], [3.0, 4.0]])

    def advise(got: list[list[float]]) -> str:
        case = CaseResult(
            name="c", status="fail", failure_class="values", expected=exp, got=tensor(got)
        )
        return values_advice(case, focus(case, "values"))

    assert "transposed" in advise([[1.0, 3.0], [2.0, 4.0]])
    assert "sign" in advise([[-1.0, -2.0], [-3.0, -4.0]])
    assert "off by 0.5" in advise([[1.5, 2.5], [3.5, 4.5]])
    assert "2x too big" in advise([[2.0, 4.0], [6.0, 8.0]])
    assert "1 of 4 cells differ" in advise([[1.0, 2.0], [3.0, 5.0]])


def test_exception_advice_reads_common_torch_errors() -> None:
    assert "matmul" in (
        exception_advice("RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)")
        or ""
    )
    assert "reshape" in (
        exception_advice(
            "RuntimeError: view size is not compatible with input tensor's size and stride"
        )
        or ""
    )
    assert exception_advice("ValueError: something new") is None


def test_primary_case_prefers_instructive_classes_and_examples() -> None:
    cases = [
        CaseResult(name="hidden values", kind="hidden", status="fail", failure_class="values"),
        CaseResult(name="hidden shape", kind="hidden", status="fail", failure_class="shape"),
        CaseResult(name="example shape", kind="example", status="fail", failure_class="shape"),
    ]
    result = RunResult(puzzle="p", device="cpu", verdict="fail", cases=cases)
    chosen = primary_case(result)
    assert chosen is not None and chosen.name == "example shape"
    assert classify(result) == "shape"


def test_error_without_cases_is_classified_from_its_message() -> None:
    def run(message: str) -> RunResult:
        return RunResult(puzzle="p", device="cpu", verdict="error", message=message)

    assert classify(run("SyntaxError: invalid syntax")) == "syntax"
    assert classify(run("Your code does not define `f`.")) == "missing_function"
    assert classify(run("the worker crashed")) == "exception"
    assert react(run("the worker crashed")).next_step


def _tuple(*items: ValuePreview) -> ValuePreview:
    return ValuePreview(kind="sequence", text=f"tuple of {len(items)}", items=list(items))


def test_tuple_outputs_point_at_the_item_and_the_call_that_made_it() -> None:
    """As the runner reports summon_tensors: item [0] is [3, 1] where [3] was asked for."""
    trace = [
        TraceOp(op="torch.arange", line=4, inputs=["3"], outputs=["int64[3]"]),
        TraceOp(op="Tensor.unsqueeze", line=4, inputs=["int64[3]", "1"], outputs=["int64[3, 1]"]),
        TraceOp(op="torch.eye", line=7, inputs=["3"], outputs=["float32[3, 3]"]),
    ]
    case = CaseResult(
        name="n = 3",
        kind="example",
        status="fail",
        failure_class="shape",
        trace=trace,
        expected=_tuple(tensor([0, 1, 2], "int64"), tensor([[0.5, 0.5]], "float16")),
        got=_tuple(tensor([[0], [1], [2]], "int64"), tensor([[0.5, 0.5]], "float32")),
    )
    result = RunResult(puzzle="summon_tensors", device="cpu", verdict="fail", cases=[case])
    reaction = react(result)
    said = reaction.text + " " + reaction.next_step
    assert "your output[0]" in said.lower() and "[3, 1]" in said and " ?" not in said
    assert reaction.next_step.startswith("squeeze")
    assert "Tensor.unsqueeze on line 4" in reaction.next_step
    dtype_case = case.model_copy(update={"failure_class": "dtype"})
    dtype_run = result.model_copy(update={"cases": [dtype_case]})
    assert "float16" in react(dtype_run).text and "output[1]" in react(dtype_run).text


def test_a_missing_item_is_a_type_failure_about_that_item() -> None:
    case = CaseResult(
        name="c",
        status="fail",
        failure_class="type",
        expected=_tuple(tensor([1.0]), tensor([2.0])),
        got=_tuple(tensor([1.0]), ValuePreview(kind="none", text="None")),
    )
    spot = focus(case, "type")
    assert spot.path == "[1]"
    reaction = react(RunResult(puzzle="p", device="cpu", verdict="fail", cases=[case]))
    assert "your output[1] is None" in reaction.next_step


def test_beating_the_reference_astonishes_the_professor() -> None:
    from game.runner.protocol import Metrics

    run = RUNS["pass_submit"].model_copy(
        update={
            "metrics": Metrics(ops=2, code_lines=3),
            "reference_metrics": Metrics(ops=3, code_lines=4),
        }
    )
    assert "2 ops against my own 3 ops" in react(run).text
    assert react(RUNS["pass_submit"]).detail == ""  # 4 ops does not beat 3

"""The results panel rendered headless for every failure class: its description says what a
player sees, nothing sticks out of the panel at any font scale or window size, and mouse and
keys select cases, toggle sections, scroll and show cell values."""

from __future__ import annotations

import pygame
import pytest

from game.content.puzzle_models import Goal
from game.feedback.samples import sample_runs, tensor
from game.runner.protocol import CaseResult, Metrics, RunResult
from game.session.runs import RunOutcome, record_run
from game.story.state import PuzzleProgress
from game.ui.fonts import Fonts
from game.ui.results import ResultsPanel
from game.ui.theme import DEFAULT, HIGH_CONTRAST

RUNS = sample_runs()

# What the description must contain per sample: the verdict and a class-specific fact.
EXPECT = {
    "shape": [
        "FAILED: wrong shape",
        "squeeze",
        "Yours: tensor [3, 1]",
        "Tensor.unsqueeze",
        "◀ made yours",
    ],
    "dtype": ["wrong dtype", ".long()", "int64"],
    "device": ["wrong device", "device=device"],
    "values": ["wrong values", "1 mismatched cell(s) marked", "first mismatch at [1, 2]"],
    "nan": ["NaN or inf", "1 NaN"],
    "type": ["not a tensor", "list [1, 2, 3]"],
    "exception": ["ERROR: exception", "Traceback: RuntimeError", "broadcast"],
    "timeout": ["TIMED OUT", "5 s"],
    "memory": ["OUT OF MEMORY", "3072 MB"],
    "rule": ["RULE BROKEN", "torch.einsum", "line 4"],
    "missing_function": ["function missing", "summon"],
    "syntax": ["syntax error", "line 2"],
    "output_limit": ["TOO MUCH OUTPUT", "Printed output (400 lines)", "spam"],
    "tampering": ["inputs modified", "clone()"],
    "big_values": ["drawn as a heatmap", "max abs diff 0.5"],
    "pass_submit": [
        "[SUBMIT] PASSED",
        "Scores:",
        "Torch ops: 4 ops, reference 3 ops",
        "Three ops: not yet",
    ],
    "pass_try": ["[TRY] PASSED", "Printed output (2 lines)", "torch.Size([3])"],
}


def make_panel(scale: float = 1.0, size: tuple[int, int] = (512, 640)) -> ResultsPanel:
    pygame.display.init()
    pygame.font.init()
    panel = ResultsPanel(fonts=Fonts(scale), theme=DEFAULT)
    panel.set_rect(pygame.Rect(0, 0, *size))
    return panel


GOALS = [Goal(id="three", text="Three ops", metric="ops", max=3)]


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_each_result_renders_and_describes_itself(name: str) -> None:
    panel = make_panel()
    panel.show_result(record_run(PuzzleProgress(), RUNS[name], GOALS))
    surface = pygame.Surface((512, 640))
    panel.draw(surface)
    text = panel.describe()
    for needle in EXPECT[name]:
        assert needle in text, f"{needle!r} missing from:\n{text}"
    assert "Professor:" in text and "Next step:" in text
    assert panel.overflowing == []


@pytest.mark.parametrize("scale", [0.8, 2.0])
@pytest.mark.parametrize("width", [300, 512, 960])
def test_nothing_overflows_at_any_scale_or_width(scale: float, width: int) -> None:
    panel = make_panel(scale, (width, 400))
    surface = pygame.Surface((width, 400))
    for run in RUNS.values():
        panel.show_result(RunOutcome(run))
        panel.draw(surface)
        assert panel.overflowing == [], run.verdict


def test_a_pass_records_scores_and_shows_new_bests() -> None:
    panel = make_panel()
    progress = PuzzleProgress(best={"ops": 6.0})
    panel.show_result(record_run(progress, RUNS["pass_submit"], GOALS))
    assert progress.best["ops"] == 4.0 and progress.best["code_lines"] == 6.0
    assert "NEW BEST" in panel.describe()
    panel.show_result(record_run(progress, RUNS["pass_submit"], GOALS))
    assert "NEW BEST" not in panel.describe()


def test_the_failing_case_is_selected_and_chips_switch_cases() -> None:
    panel = make_panel()
    run = RUNS["values"].model_copy(deep=True)
    run.cases.insert(0, CaseResult(name="hidden 0", status="pass"))
    panel.show_result(RunOutcome(run))
    assert "> ✗ example 1" in panel.describe()
    panel.focused = True
    assert panel.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LEFT))
    assert "> ✓ hidden 0" in panel.describe()
    panel.draw(pygame.Surface((512, 640)))
    chip = next(h for h in panel._document().hits if h.action == "case:1")  # type: ignore[union-attr]
    inner = panel._inner()
    pos = (inner.x + chip.rect.centerx, inner.y + chip.rect.centery)
    assert panel.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
    assert "> ✗ example 1" in panel.describe()


def test_keys_are_ignored_unless_focused() -> None:
    panel = make_panel()
    panel.show_result(RunOutcome(RUNS["values"]))
    assert not panel.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LEFT))


def test_sections_toggle() -> None:
    panel = make_panel()
    panel.show_result(RunOutcome(RUNS["shape"]))
    assert "[-] Shape trace" in panel.describe() and "[+] Inputs" in panel.describe()
    panel.focused = True
    panel.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_t))
    panel.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_i))
    text = panel.describe()
    assert "[+] Shape trace" in text and "L4 Tensor.unsqueeze" not in text
    assert "[-] Inputs" in text and "Input 1: tensor [2, 3]" in text


def test_wheel_scrolls_within_bounds() -> None:
    panel = make_panel(2.0, (400, 300))
    panel.show_result(RunOutcome(RUNS["output_limit"]))
    panel.handle_event(
        pygame.event.Event(pygame.MOUSEMOTION, pos=(100, 100), rel=(0, 0), buttons=(0, 0, 0))
    )
    for _ in range(500):
        panel.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1))
    assert 0 < panel._scroll == panel._max_scroll()
    panel.draw(pygame.Surface((400, 300)))
    for _ in range(500):
        panel.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1))
    assert panel._scroll == 0


def test_hovering_a_cell_shows_its_value() -> None:
    panel = make_panel()
    panel.show_result(RunOutcome(RUNS["values"]))
    panel.draw(pygame.Surface((512, 640)))
    doc = panel._document()
    assert doc is not None
    cell = next(h for h in doc.hits if h.tooltip and h.tooltip.startswith("[1, 2] yours"))
    inner = panel._inner()
    panel.handle_event(
        pygame.event.Event(
            pygame.MOUSEMOTION,
            pos=(inner.x + cell.rect.centerx, inner.y + cell.rect.centery),
            rel=(0, 0),
            buttons=(0, 0, 0),
        )
    )
    assert panel.tip.surface is not None and panel.tip.hit is cell
    assert cell.tooltip == "[1, 2] yours: 9."


def test_running_examples_and_empty_states() -> None:
    panel = make_panel()
    assert panel.describe() == "Results: empty"
    panel.draw(pygame.Surface((512, 640)))
    panel.show_running("try", 1, 3)
    panel.update(0.5)
    panel.draw(pygame.Surface((512, 640)))
    assert panel.describe() == "Running (try): 1/3"
    panel.show_examples(
        [
            CaseResult(
                name="example 1",
                kind="example",
                status="skipped",
                inputs=[tensor([1.0, 2.0])],
                expected=tensor([2.0, 4.0]),
            )
        ]
    )
    text = panel.describe()
    assert "Examples: 1" in text and "Expected output: tensor [2]" in text
    assert "Input 1: tensor [2]" in text


def test_nested_results_compare_item_by_item() -> None:
    from game.runner.protocol import ValuePreview

    def seq(*items: ValuePreview) -> ValuePreview:
        return ValuePreview(kind="sequence", text="tuple", items=list(items))

    case = CaseResult(
        name="example 1",
        kind="example",
        status="fail",
        failure_class="values",
        expected=seq(tensor([0, 1, 2], "int64"), tensor([[0.5, 0.5]])),
        got=seq(tensor([0, 1, 2], "int64"), tensor([[0.5, 0.25]])),
    )
    panel = make_panel()
    panel.show_result(RunOutcome(RunResult(puzzle="p", device="cpu", verdict="fail", cases=[case])))
    text = panel.describe()
    assert "Item [0]:" in text and "Item [1]:" in text
    assert "1 mismatched cell(s) marked" in text


def test_theme_and_font_changes_rebuild() -> None:
    panel = make_panel()
    panel.show_result(RunOutcome(RUNS["values"]))
    before = panel.content_height
    panel.set_fonts(Fonts(2.0))
    panel.set_theme(HIGH_CONTRAST)
    panel.draw(pygame.Surface((512, 640)))
    assert panel.content_height > before


def test_many_cases_are_summarised() -> None:
    cases = [CaseResult(name=f"hidden {i}", status="pass") for i in range(40)]
    cases.append(
        CaseResult(
            name="hidden bad",
            status="fail",
            failure_class="values",
            expected=tensor([1.0]),
            got=tensor([2.0]),
        )
    )
    panel = make_panel()
    panel.show_result(RunOutcome(RunResult(puzzle="p", device="cpu", verdict="fail", cases=cases)))
    chips = [h for h in panel._document().hits if h.action and h.action.startswith("case:")]  # type: ignore[union-attr]
    assert len(chips) == 1
    assert "> ✗ hidden bad" in panel.describe()


def test_metrics_without_reference_or_time() -> None:
    run = RunResult(puzzle="p", device="cpu", verdict="pass", metrics=Metrics(code_lines=3))
    panel = make_panel()
    panel.show_result(record_run(PuzzleProgress(), run, []))
    assert "Code lines: 3 lines" in panel.describe()


def test_messages_replace_results() -> None:
    panel = make_panel()
    panel.show_result(RunOutcome(RUNS["values"]))
    panel.show_message("Cancelled. Nothing was recorded.", "warning")
    panel.draw(pygame.Surface((512, 640)))
    assert panel.describe() == "Results: Cancelled. Nothing was recorded."
    panel.show_running("submit", 0, 4)
    assert panel.describe() == "Running (submit): 0/4"


def test_a_new_record_is_announced() -> None:
    panel = make_panel()
    panel.show_result(record_run(PuzzleProgress(best={"ops": 9.0}), RUNS["pass_submit"], []))
    assert "A new record! Torch ops: 4 ops, was 9 ops." in panel.describe()

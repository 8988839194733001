"""One base exception: everything the library raises on purpose is a ``SafeguardingPlanError``
and keeps the built-in type callers caught before; anything else (a bug) is never caught as
one of them."""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
from datetime import date
from pathlib import Path

import attrs
import pytest
from conftest import BIRMINGHAM

import safeguarding_plan as sp
from safeguarding_plan.dates import DateError, resolve_due
from safeguarding_plan.office.packages import PackageError
from safeguarding_plan.scoring import many


def _exception_classes() -> dict[str, type[BaseException]]:
    found = {}
    for module_info in pkgutil.walk_packages(sp.__path__, f"{sp.__name__}."):
        if module_info.name.endswith("__main__"):  # importing it runs the command
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == module.__name__
            ):
                found[f"{module.__name__}.{name}"] = value
    return found


def test_every_exception_the_package_defines_is_a_safeguarding_plan_error() -> None:
    classes = _exception_classes()
    assert "safeguarding_plan.errors.PlanError" in classes  # the walk found the package
    outside = sorted(
        name
        for name, cls in classes.items()
        if not issubclass(cls, sp.SafeguardingPlanError | Warning)
        # The command line's own, never raised out of main(): they carry a message to print.
        and not name.startswith("safeguarding_plan.cli._")
    )
    assert outside == []


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (sp.PlanError, ValueError),
        (sp.ArgumentError, ValueError),
        (DateError, ValueError),
        (sp.UnknownReviewError, KeyError),
        (sp.UnknownActionError, KeyError),
        (sp.ExporterError, None),
        (PackageError, None),
    ],
)
def test_each_error_is_the_libraries_and_keeps_its_builtin_type(
    error: type[Exception], builtin: type[Exception] | None
) -> None:
    assert issubclass(error, sp.SafeguardingPlanError)
    if builtin is not None:
        assert issubclass(error, builtin)
    assert not issubclass(sp.SafeguardingPlanError, ValueError | KeyError)


def test_an_unknown_review_names_the_reviews_there_are(birmingham: sp.Plan) -> None:
    with pytest.raises(sp.UnknownReviewError) as caught:
        birmingham.review("2021-11")
    assert caught.value.review_id == "2021-11"
    assert caught.value.known == ("2022-02",)
    assert str(caught.value) == "no review '2021-11' in the plan (reviews: '2022-02')"
    with pytest.raises(sp.UnknownReviewError, match=r"^the plan has no reviews yet$"):
        attrs.evolve(birmingham, reviews=()).review()
    with pytest.raises(sp.UnknownReviewError, match=r"\(reviews: none\)$"):
        attrs.evolve(birmingham, reviews=()).review("2022-02")


@pytest.mark.parametrize("lookup", ["action", "priority_of"])
def test_an_unknown_action_is_its_own_error(birmingham: sp.Plan, lookup: str) -> None:
    with pytest.raises(sp.UnknownActionError) as caught:
        getattr(birmingham, lookup)("1.60")
    assert caught.value.action_id == "1.60"
    assert str(caught.value) == "no action '1.60' in the plan"


def test_every_function_given_a_review_the_plan_lacks_raises_unknown_review_error(
    birmingham: sp.Plan,
) -> None:
    calls = [
        lambda: birmingham.states("2021-11"),
        lambda: sp.score(birmingham, review="2021-11"),
        lambda: sp.compare(birmingham, "2021-11", "2022-02"),
        lambda: sp.compare(birmingham, "2022-02", "2021-11"),
        lambda: sp.report(birmingham, review="2021-11"),
        lambda: sp.export(birmingham, "md", io.BytesIO(), review="2021-11"),
    ]
    for call in calls:
        with pytest.raises(sp.UnknownReviewError, match="no review '2021-11'"):
            call()


def test_an_unknown_audience_is_an_argument_error(birmingham: sp.Plan) -> None:
    with pytest.raises(sp.ArgumentError, match=r"^unknown audience 'everyone'; use one of"):
        sp.report(birmingham, audience="everyone")  # type: ignore[arg-type]


def test_a_new_review_the_plan_cannot_take_is_an_argument_error(
    birmingham: sp.Plan, tmp_path: Path
) -> None:
    tracker = tmp_path / "tracker.xlsx"
    sp.export(birmingham, "xlsx", tracker)
    for review_id, as_of in (("2022-02", date(2022, 4, 30)), ("2022-05", date(2021, 12, 31))):
        with pytest.raises(sp.ArgumentError):
            sp.import_xlsx(birmingham, tracker, review_id, as_of)


def test_an_unreadable_date_is_a_date_error() -> None:
    with pytest.raises(DateError) as caught:
        resolve_due("the twelfth of never")
    assert isinstance(caught.value, sp.SafeguardingPlanError)


# --- score_many: the library's own errors only ----------------------------------------------


def test_score_many_turns_a_missing_review_into_that_plans_problem() -> None:
    (result,) = sp.score_many([BIRMINGHAM], review="2021-11")
    assert result.score is None
    assert result.problems == (
        f"{BIRMINGHAM}: no review '2021-11' in the plan (reviews: '2022-02')",
    )


@pytest.mark.parametrize("bug", [KeyError("1.6"), ValueError("bad"), OSError("disk")])
def test_score_many_lets_a_bug_in_scoring_through(
    bug: Exception, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A plain KeyError (say, a lookup gone wrong) is not a review the plan lacks; a plain
    # OSError while scoring is no file that could not be read.
    def broken(*args: object, **kwargs: object) -> sp.Score:
        raise bug

    monkeypatch.setattr(many, "score", broken)
    with pytest.raises(type(bug)) as caught:
        list(sp.score_many([BIRMINGHAM]))
    assert caught.value is bug


def test_score_many_lets_a_bug_in_loading_through(monkeypatch: pytest.MonkeyPatch) -> None:
    bug = KeyError("format")

    def broken(source: object, *, max_bytes: int) -> sp.Plan:
        raise bug

    monkeypatch.setattr(many, "load", broken)
    with pytest.raises(KeyError) as caught:
        list(sp.score_many([BIRMINGHAM]))
    assert caught.value is bug

"""Saving and loading: bit-exact round trips on every backend, and bad files refused cleanly."""

from __future__ import annotations

import inspect
import json
import math
import os
import re
import stat
import struct
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import matrices

import nnd
from nnd import io
from nnd.network import loads


def bits(values) -> list[bytes]:
    """The exact bit patterns of floats (tells 0.0 from -0.0, and every last digit)."""
    return [struct.pack("<d", v) for v in values]


def weights_of(net: nnd.Network) -> list[float]:
    return [v for W in net.weights for row in net.backend.tolist(W) for v in row]


@st.composite
def networks(draw: st.DrawFn, backend: str = "python") -> nnd.Network:
    """A network of 1 to 4 hidden layers with arbitrary finite weights and λ."""
    sizes = [draw(st.integers(1, 5)) for _ in range(draw(st.integers(3, 6)))]
    lam = draw(st.none() | st.floats(0, 1e6, allow_nan=False))
    net = nnd.Network(sizes, seed=0, backend=backend, lam=lam)
    for i, (a, b) in enumerate(pairwise(sizes), start=1):
        setattr(net, f"W{i}", draw(matrices(a, b, weights)))
    return net


weights = st.floats(-1e30, 1e30)  # subnormals, -0.0 and 17-digit values too; a network takes |w| ≤ 1e30


# -- round trips --------------------------------------------------------------------------------------
@given(data=st.data())
def test_save_then_load_gives_back_the_same_network_bit_for_bit(backend, tmp_path_factory, data) -> None:
    net = data.draw(networks(backend.name))
    path = tmp_path_factory.mktemp("io") / "net.json"
    net.save(path)
    for target in (backend.name, "python"):
        again = nnd.load(path, backend=target)
        assert again.layer_sizes == net.layer_sizes and again.lam == net.lam
        assert again.backend.name == target
        assert bits(weights_of(again)) == bits(weights_of(net))


@given(net=networks())
def test_text_round_trip_is_exact_and_the_file_is_plain_json(net: nnd.Network) -> None:
    text = net.to_json()
    parsed = json.loads(text)  # any JSON reader can read it
    assert parsed["format"] == "nnd.Network" and parsed["version"] == 1
    assert parsed["layer_sizes"] == list(net.layer_sizes) and parsed["lam"] == net.lam
    assert bits([v for W in parsed["weights"] for row in W for v in row]) == bits(weights_of(net))
    assert loads(text).to_json() == text


def test_a_trained_network_predicts_the_same_after_loading(backend, tmp_path: Path) -> None:
    X, y = nnd.data.sleep_study()
    net = nnd.Network((2, 4, 3, 1), seed=5, backend=backend, lam=1e-4)
    nnd.train(net, X, y)
    net.save(str(tmp_path / "trained.json"))
    again = nnd.load(tmp_path / "trained.json", backend=backend)
    assert again.backend.tolist(again.forward(X)) == net.backend.tolist(net.forward(X))
    assert again.cost(X, y) == net.cost(X, y)


def test_load_uses_the_active_backend_by_default(tmp_path: Path) -> None:
    pytest.importorskip("numpy", reason="needs a second backend to switch to")
    nnd.Network(seed=1).save(tmp_path / "n.json")
    with nnd.use_backend("numpy"):
        assert nnd.load(tmp_path / "n.json").backend.name == "numpy"
    assert nnd.load(tmp_path / "n.json").backend.name == "python"


def test_saving_over_a_file_replaces_it_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "n.json"
    nnd.Network(seed=1).save(path)
    nnd.Network((2, 2, 1), seed=2).save(path)
    assert nnd.load(path).layer_sizes == (2, 2, 1)
    assert [p.name for p in tmp_path.iterdir()] == ["n.json"]


@pytest.mark.skipif(os.name != "posix", reason="file modes and the umask are POSIX")
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_the_mode_any_new_file_gets(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        nnd.Network(seed=1).save(tmp_path / "n.json")
        (tmp_path / "plain.txt").write_text("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "n.json").stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE((tmp_path / "plain.txt").stat().st_mode) == 0o666 & ~umask


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_saving_over_a_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "n.json"
    path.write_text("old")
    path.chmod(0o640)
    nnd.Network(seed=1).save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and nnd.load(path).layer_sizes == (2, 3, 1)


def test_saving_to_a_folder_or_into_a_missing_one_says_so_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match=re.escape(f"{str(tmp_path)!r}: it is a folder")):
        nnd.Network(seed=1).save(tmp_path)
    missing = tmp_path / "missing-folder"
    with pytest.raises(FileNotFoundError, match=re.escape(f"the folder {str(missing)!r} does not exist")):
        nnd.Network(seed=1).save(missing / "n.json")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_save_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        nnd.Network(seed=1).save(tmp_path / "missing-folder" / "n.json")
    with pytest.raises(TypeError, match="path"):
        nnd.Network(seed=1).save(42)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


# -- bad files ------------------------------------------------------------------------------------------
GOOD = nnd.Network((2, 3, 1), seed=0).to_json()


def edited(**changes) -> str:
    document = json.loads(GOOD)
    for key, value in changes.items():
        if value is KeyError:
            del document[key]
        else:
            document[key] = value
    return json.dumps(document)


BAD_FILES = {
    "empty": ("", "invalid JSON"),
    "not JSON": ("weights: 1, 2, 3", "invalid JSON"),
    "a list": ("[1, 2]", "JSON object"),
    "NaN weight": (GOOD.replace(GOOD.split("[[")[1].split(",")[0], "NaN", 1), "NaN"),
    "Infinity weight": (GOOD.replace(GOOD.split("[[")[1].split(",")[0], "-Infinity", 1), "Infinity"),
    "overflowing weight": (GOOD.replace(GOOD.split("[[")[1].split(",")[0], "1e999", 1), "finite"),
    "huge int weight": (edited(weights=[[[10**400] * 3] * 2, [[0.0]] * 3]), "finite"),
    "string weight": (edited(weights=[[["1"] * 3] * 2, [[0.0]] * 3]), "W1"),
    "bool weight": (edited(weights=[[[True] * 3] * 2, [[0.0]] * 3]), "W1"),
    "missing weights": (edited(weights=KeyError), "missing"),
    "unknown field": (edited(comment="hi"), "unknown"),
    "duplicate key": (GOOD.replace('"lam": null,', '"lam": null, "lam": 1.0,'), "twice"),
    "other format": (edited(format="keras"), "format"),
    "newer version": (edited(version=3), "newer"),
    "version 2 without biases": (edited(version=2), "missing field.*biases"),
    "version as text": (edited(version="1"), "version"),
    "one layer": (edited(layer_sizes=[2]), "layer_sizes"),
    "zero units": (edited(layer_sizes=[2, 0, 1]), "layer_sizes"),
    "float size": (edited(layer_sizes=[2, 3.0, 1]), "layer_sizes"),
    "negative lam": (edited(lam=-1.0), "lam"),
    "too few matrices": (edited(layer_sizes=[2, 3, 3, 1]), "matrices"),
    "wrong rows": (edited(layer_sizes=[3, 3, 1]), "W1"),
    "wrong columns": (edited(layer_sizes=[2, 3, 2]), "W2 row 0"),
    "ragged": (edited(weights=[[[0.0] * 3, [0.0] * 2], [[0.0]] * 3]), "W1 row 1"),
    "deep nesting": ("[" * 100_000 + "]" * 100_000, "invalid JSON|JSON object"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_are_refused_with_a_message_naming_the_file_and_the_problem(name, tmp_path: Path) -> None:
    text, words = BAD_FILES[name]
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=words) as caught:
        nnd.load(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(("field", "value"), [("W1", 1e300), ("lam", 1e31)])
def test_numbers_a_network_refuses_are_reported_with_the_file_name(field, value, tmp_path: Path) -> None:
    data = json.loads(GOOD)
    if field == "lam":
        data["lam"] = value
    else:
        data["weights"][0][0][0] = value
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{re.escape(str(path))}: not a valid nnd network file: {field}"):
        nnd.load(path)


@given(cut=st.integers(0, len(GOOD.rstrip()) - 1))
def test_every_truncation_of_a_good_file_is_refused(cut: int) -> None:
    with pytest.raises(ValueError, match="nnd network file"):
        loads(GOOD[:cut])


def test_bytes_that_are_not_utf8_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"format": "\xff"}')
    with pytest.raises(ValueError, match="UTF-8"):
        nnd.load(path)


def test_oversized_files_are_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(GOOD + " " * 2000, encoding="utf-8")
    with pytest.raises(ValueError, match="larger than the limit of 1000 bytes"):
        nnd.load(path, max_bytes=1000)
    assert nnd.load(path, max_bytes=10_000).layer_sizes == (2, 3, 1)
    assert io.MAX_BYTES == inspect.signature(nnd.load).parameters["max_bytes"].default
    assert io.MAX_BYTES >= 2**20  # the default leaves room for networks far bigger than the series'


def test_bad_arguments_to_load(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="path"):
        nnd.load(None)
    with pytest.raises(ValueError, match="max_bytes"):
        nnd.load(tmp_path / "x.json", max_bytes=0)
    with pytest.raises(FileNotFoundError):
        nnd.load(tmp_path / "does-not-exist.json")
    with pytest.raises(nnd.UnknownBackendError):
        path = tmp_path / "n.json"
        path.write_text(GOOD, encoding="utf-8")
        nnd.load(path, backend="no-such-backend")


def test_the_written_file_is_readable_one_weight_row_per_line() -> None:
    lines = GOOD.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    rows = [line for line in lines if line.strip().startswith("[")]
    assert len(rows) == 2 + 3  # W1 has 2 rows, W2 has 3: one line each
    assert [len(json.loads(row.strip(" ,[]").join("[]"))) for row in rows] == [3, 3, 1, 1, 1]


# -- what io writes is checked as what it reads -----------------------------------------------------
GOOD_WEIGHTS = [[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[0.7], [0.8], [0.9]]]
BAD_ARGUMENTS = [
    # (layer_sizes, lam, weights, biases, words the message holds)
    ((2, 3), None, GOOD_WEIGHTS, None, "weights: expected 1 matrices"),
    ((2, 3, 1), None, "abc", None, "weights: expected a list or tuple"),
    ((2, 3, 1), None, [GOOD_WEIGHTS[1], GOOD_WEIGHTS[0]], None, "W1: expected shape (2, 3)"),
    ((2, 3, 1), None, [[[0.1, 0.2, math.nan]] * 2, GOOD_WEIGHTS[1]], None, "W1: expected a finite"),
    ((2, 3, 1), None, [[["a", 0.2, 0.3]] * 2, GOOD_WEIGHTS[1]], None, "W1: expected a number"),
    ((2, 3, 1), None, [[[10**400, 0.2, 0.3]] * 2, GOOD_WEIGHTS[1]], None, "too large for float64"),
    ((2, 3, 1), -1.0, GOOD_WEIGHTS, None, "lam: expected a finite number >= 0"),
    ((2, 3, 1), "0.1", GOOD_WEIGHTS, None, "lam: expected a number"),
    ((2, 0, 1), None, GOOD_WEIGHTS, None, "layer_sizes[1]"),
    ({2, 3, 1}, None, GOOD_WEIGHTS, None, "layer_sizes: expected a list or tuple"),
    ((2, 3, 1), None, GOOD_WEIGHTS, [[0.1]], "biases: expected 2 lists"),
    ((2, 3, 1), None, GOOD_WEIGHTS, [[0.1], [0.2]], "b2: expected 3 numbers"),
    ((2, 3, 1), None, GOOD_WEIGHTS, [[0.1, 0.2, float("inf")], [0.2]], "b2: expected a finite"),
]  # fmt: skip


@pytest.mark.parametrize(("sizes", "lam", "weights", "biases", "words"), BAD_ARGUMENTS)
def test_dumps_and_save_refuse_what_no_file_may_hold_and_write_nothing(
    tmp_path: Path, sizes, lam, weights, biases, words: str
) -> None:
    with pytest.raises(nnd.NNDError, match=re.escape(words)) as caught:
        io.dumps(sizes, lam, weights, biases)
    assert isinstance(caught.value, (ValueError, TypeError))
    with pytest.raises(nnd.NNDError, match=re.escape(words)):
        io.save(tmp_path / "net.json", sizes, lam, weights, biases)
    assert list(tmp_path.iterdir()) == []


def test_what_dumps_writes_parse_reads_back_whatever_form_the_numbers_came_in() -> None:
    np = pytest.importorskip("numpy")
    text = io.dumps(
        [2, 3, 1], 0, [np.array(GOOD_WEIGHTS[0]), tuple(map(tuple, GOOD_WEIGHTS[1]))], [(1, 2, 3), [[4]]]
    )
    saved = io.parse(text)
    assert saved.layer_sizes == (2, 3, 1) and saved.lam == 0.0
    assert saved.weights == GOOD_WEIGHTS and saved.biases == [[1.0, 2.0, 3.0], [4.0]]

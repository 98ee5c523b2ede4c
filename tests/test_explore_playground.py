"""The docs' moving pages, their Python side: the playground (nnd.explore.playground) and the
digit reader (nnd.explore.digit).

- The 8×8 reduction is the UCI data set's: a pixel is the inked bits of its 4×4 block of the
  32×32 bitmap, over 16. Held against a count written here block by block, against whole
  blocks (one full block is one pixel of exactly 1.0, wherever it is), and against the
  shipped digits themselves (a bitmap made from a digit's counts reduces to that digit).
- Drawings are scaled to fill the square whatever their size and place.
- The playground learns (its step lowers the cost on XOR), its maps are the network's
  outputs at the grid's centres (checked by hand for a network without hidden layers),
  its settings survive the trip through an address, and every refusal is an NNDError that
  changes nothing.
"""

from __future__ import annotations

import copy
import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnd
from nnd.explore import digit, playground
from nnd.util.errors import NNDError

# -- the 8×8 reduction ----------------------------------------------------------------------------


def counts_by_hand(bits: list[list[int]]) -> list[float]:
    """Each 4×4 block's inked bits over 16, row of blocks by row of blocks (the UCI law)."""
    out = []
    for R in range(8):
        for C in range(8):
            inked = 0
            for r in range(4 * R, 4 * R + 4):
                for c in range(4 * C, 4 * C + 4):
                    inked += bits[r][c]
            out.append(inked / 16)
    return out


@pytest.mark.parametrize("block", range(64))
def test_one_full_block_is_exactly_one_pixel_of_one(block: int) -> None:
    R, C = divmod(block, 8)
    bits = [[int(4 * R <= r < 4 * R + 4 and 4 * C <= c < 4 * C + 4) for c in range(32)] for r in range(32)]
    pixels = digit.reduce(bits)
    assert pixels[block] == 1.0
    assert [i for i, v in enumerate(pixels) if v] == [block]


def test_one_bit_is_one_sixteenth_and_a_full_bitmap_is_all_ones() -> None:
    bits = [[0] * 32 for _ in range(32)]
    bits[5][30] = 1  # block row 1, block column 7
    pixels = digit.reduce(bits)
    assert pixels[8 + 7] == 0.0625 and sum(pixels) == 0.0625
    assert digit.reduce([[1] * 32 for _ in range(32)]) == [1.0] * 64
    assert digit.reduce([[0] * 32 for _ in range(32)]) == [0.0] * 64


@given(st.integers(0, 2**32), st.floats(0.0, 1.0))
def test_reduction_counts_the_bits_of_each_block(seed: int, density: float) -> None:
    rng = random.Random(seed)
    bits = [[int(rng.random() < density) for _ in range(32)] for _ in range(32)]
    expected = counts_by_hand(bits)
    assert digit.reduce(bits) == expected
    assert digit.reduce([b for row in bits for b in row]) == expected  # 1,024 values in one list
    assert all(v * 16 == int(v * 16) for v in expected)  # 17 levels, 0 to 16 sixteenths


@given(st.integers(0, 2**32))
def test_a_16_by_16_bitmap_counts_as_its_double(seed: int) -> None:
    rng = random.Random(seed)
    small = [[rng.randint(0, 1) for _ in range(16)] for _ in range(16)]
    double = [[small[r // 2][c // 2] for c in range(32)] for r in range(32)]
    assert digit.reduce(small) == counts_by_hand(double)


def test_a_value_is_ink_from_one_half_up() -> None:
    bits = [[0.0] * 32 for _ in range(32)]
    bits[0][0], bits[0][1], bits[0][2] = 0.5, 0.49, 1.0
    assert digit.reduce(bits)[0] == 2 / 16


def bitmap_of(image: list[float]) -> list[list[int]]:
    """A 32×32 bitmap whose blocks hold the counts of an 8×8 image (first bits of each block inked)."""
    bits = [[0] * 32 for _ in range(32)]
    for k, v in enumerate(image):
        R, C = divmod(k, 8)
        for j in range(round(v * 16)):
            bits[4 * R + j // 4][4 * C + j % 4] = 1
    return bits


def test_the_shipped_digits_are_what_their_bitmaps_reduce_to() -> None:
    trainX, _, testX, _ = nnd.data.digits()
    for image in trainX[:40] + testX[:40]:
        assert digit.reduce(bitmap_of(image)) == image


# -- drawings ---------------------------------------------------------------------------------------


def ink_box(bits: list[list[int]]) -> tuple[int, int, int, int]:
    rows = [r for r in range(32) if any(bits[r])]
    cols = [c for c in range(32) if any(bits[r][c] for r in range(32))]
    return rows[0], rows[-1], cols[0], cols[-1]


@given(
    st.floats(0.01, 1000.0),
    st.floats(-1000.0, 1000.0),
    st.floats(-1000.0, 1000.0),
)
def test_a_drawing_fills_the_square_whatever_its_size_and_place(scale: float, dx: float, dy: float) -> None:
    seven = [[[0.0, 0.0], [6.0, 0.0], [2.0, 10.0]]]
    moved = [[[x * scale + dx, y * scale + dy] for x, y in line] for line in seven]
    top, bottom, left, right = ink_box(digit.rasterize(moved))
    assert (top, bottom) == (0, 31)  # the longer side (up and down) fills the square
    assert left > 0 and right < 31 and abs((left + right) / 2 - 15.5) <= 1  # the other is centred


def test_a_vertical_line_is_a_one_in_the_middle_columns() -> None:
    pixels = digit.pixels([[[50, 10], [50, 300]]])
    columns = {k % 8 for k, v in enumerate(pixels) if v}
    assert columns <= {3, 4} and len({k // 8 for k, v in enumerate(pixels) if v}) == 8


def test_a_horizontal_line_is_a_band_across_the_middle() -> None:
    bits = digit.rasterize([[[0, 7], [90, 7]]])
    top, bottom, left, right = ink_box(bits)
    assert (left, right) == (0, 31) and 12 <= top <= bottom <= 19


def test_a_dot_is_in_the_middle_and_no_strokes_are_no_ink() -> None:
    bits = digit.rasterize([[[3, 4]]])
    assert bits[16][16] == 1 and bits[0][0] == 0 and sum(map(sum, bits)) <= 16
    assert digit.rasterize([]) == [[0] * 32 for _ in range(32)]
    assert digit.rasterize([[], []]) == [[0] * 32 for _ in range(32)]


# -- reading ----------------------------------------------------------------------------------------


def test_the_page_network_reads_the_test_digits() -> None:
    info = digit.train("test-read")
    assert info["layers"] == [64, 16, 10] and info["accuracy"] > 0.85
    _, _, testX, testY = nnd.data.digits(one_hot=False)
    right = 0
    for image, label in zip(testX[:60], testY[:60]):
        answer = digit.read("test-read", bitmap=bitmap_of(image))
        assert answer["pixels"] == image and len(answer["outputs"]) == 10
        assert answer["prediction"] == max(range(10), key=answer["outputs"].__getitem__)
        right += answer["prediction"] == label
    assert right >= 48, right  # the bitmap road reads as the network reads the images themselves
    print(f"page network: {info['accuracy']:.3f} on the test digits, trained in {info['ms']:.0f} ms")


def test_an_empty_drawing_predicts_nothing() -> None:
    assert digit.read("test-read", strokes=[])["prediction"] is None


@pytest.mark.parametrize(
    "call",
    [
        lambda: digit.reduce([[1] * 31] * 32),
        lambda: digit.reduce([1] * 1000),
        lambda: digit.reduce([[2] * 32] * 32),
        lambda: digit.reduce([[-0.1] * 32] * 32),
        lambda: digit.reduce("bits"),
        lambda: digit.rasterize([[[0, float("nan")]]]),
        lambda: digit.rasterize([[[0, 1, 2]]]),
        lambda: digit.rasterize([[["0", 1]]]),
        lambda: digit.rasterize([[[True, 1]]]),
        lambda: digit.rasterize("strokes"),
        lambda: digit.rasterize([[[0, 0]]] * (digit.MAX_STROKES + 1)),
        lambda: digit.read("test-read"),
        lambda: digit.read("test-read", strokes=[], bitmap=[0] * 1024),
        lambda: digit.read("", strokes=[]),
        lambda: digit.train("test-read", hidden=0),
        lambda: digit.train("test-read", epochs=1.5),
    ],
)
def test_digit_refusals_are_nnd_errors(call) -> None:
    with pytest.raises(NNDError):
        call()


# -- the playground ---------------------------------------------------------------------------------


def test_a_step_lowers_the_cost_on_xor() -> None:
    first = playground.start("test-xor", "data=xor&hidden=8&rate=3&batch=10&seed=0")
    assert first["epoch"] == 0 and first["layers"] == [2, 8, 1]
    frames = [first]
    for _ in range(10):
        frames.append(playground.step("test-xor", epochs=15))
    costs = [f["J"] for f in frames]
    print("xor J every 15 epochs:", [round(J, 4) for J in costs])
    assert frames[-1]["epoch"] == 150
    assert costs[-1] < costs[0] / 2
    assert frames[-1]["accuracy"] > 0.9 and frames[-1]["test_accuracy"] > 0.85
    assert frames[-1]["outputs"] != first["outputs"]  # the regions moved


def test_the_same_steps_give_the_same_network() -> None:
    a = [playground.start("test-same-a", "data=moons&seed=3"), playground.step("test-same-a", 7)]
    b = [playground.start("test-same-b", "data=moons&seed=3"), playground.step("test-same-b", 7)]
    assert a == b


def hexes(text: str) -> list[float]:
    return [int(text[i : i + 2], 16) / 255 for i in range(0, len(text), 2)]


def test_the_maps_are_the_network_at_the_grid_centres() -> None:
    frame = playground.start("test-map", {"data": "moons", "hidden": [], "seed": 5, "bias": True})
    net = nnd.Network((2, 1), seed=5, bias=True)  # the playground's first network: the seed's
    (w1,), (w2,) = net.W1.tolist()
    (b,) = net.b2.tolist()[0]
    n = frame["resolution"]
    values = hexes(frame["outputs"][0])
    assert len(values) == n * n and frame["hidden"] == []
    for row, col in [(0, 0), (0, n - 1), (n - 1, 0), (7, 23), (n // 2, n // 2)]:
        x1, x2 = (col + 0.5) / n, 1 - (row + 0.5) / n  # the top row first
        expected = 1 / (1 + math.exp(-(x1 * w1 + x2 * w2 + b)))
        assert abs(values[row * n + col] - expected) <= 0.5 / 255 + 1e-12


def test_hidden_maps_one_per_unit_and_spiral_has_three_outputs() -> None:
    frame = playground.start("test-layers", "data=spiral&hidden=3,2")
    assert frame["layers"] == [2, 3, 2, 3] and frame["classes"] == 3
    assert [len(layer) for layer in frame["hidden"]] == [3, 2] and len(frame["outputs"]) == 3
    n = frame["resolution"]
    assert all(len(m) == 2 * n * n for layer in frame["hidden"] for m in layer)
    assert {c for _, _, c in frame["points"]} == {0, 1, 2}
    assert len(frame["points"]) == len(frame["test"]) == playground.POINTS


def test_clicked_points_join_the_training_points_and_the_address() -> None:
    frame = playground.start("test-click", "data=custom")
    assert frame["points"] == [] and frame["J"] is None and frame["testJ"] is None
    assert playground.step("test-click", 3)["epoch"] == 0  # nothing to learn from yet
    playground.add_point("test-click", 0.2, 0.8, 0)
    frame = playground.add_point("test-click", 0.75, 0.25, 1)
    assert frame["points"] == [[0.2, 0.8, 0], [0.75, 0.25, 1]]
    assert frame["J"] is not None and frame["settings"]["points"] == [[0.2, 0.8, 0], [0.75, 0.25, 1]]
    assert "points=0.2,0.8,0;0.75,0.25,1" in frame["query"]
    again = playground.start("test-click-2", frame["query"])
    assert again["points"] == frame["points"]
    stepped = playground.step("test-click", 50)
    assert stepped["J"] < frame["J"] and stepped["accuracy"] == 1.0
    # a point added to a generated set trains with it
    playground.start("test-click-3", "data=moons")
    assert len(playground.add_point("test-click-3", 0.5, 0.5, 1)["points"]) == playground.POINTS + 1


def test_changing_the_rate_keeps_learning_and_changing_the_layers_starts_again() -> None:
    playground.start("test-keep", "data=xor&hidden=4")
    playground.step("test-keep", 5)
    kept = playground.start("test-keep", "data=xor&hidden=4&rate=0.5&lam=0.001&batch=20")
    assert kept["epoch"] == 5 and kept["settings"]["rate"] == 0.5
    fresh = playground.start("test-keep", "data=xor&hidden=5")
    assert fresh["epoch"] == 0 and fresh["layers"] == [2, 5, 1]
    assert playground.reset("test-keep")["epoch"] == 0


def test_at_most_max_sessions_are_kept() -> None:
    for k in range(playground.MAX_SESSIONS + 1):
        playground.start(f"test-many-{k}", "data=circles&hidden=1")
    with pytest.raises(NNDError, match="start"):
        playground.frame("test-many-0")
    assert playground.frame(f"test-many-{playground.MAX_SESSIONS}")["epoch"] == 0
    assert playground.forget("test-many-1") and not playground.forget("test-many-1")


thousandths = st.integers(0, 1000).map(lambda v: v / 1000)
point_lists = st.lists(st.tuples(thousandths, thousandths, st.integers(0, 1)).map(list), max_size=20)


@given(
    st.sampled_from(playground.DATASETS),
    st.lists(st.integers(1, playground.MAX_UNITS), max_size=playground.MAX_LAYERS),
    st.booleans(),
    st.floats(1e-4, playground.MAX_RATE),
    st.floats(0.0, playground.MAX_LAM),
    st.integers(1, playground.MAX_BATCH),
    st.integers(0, playground.MAX_SEED),
    point_lists,
)
def test_settings_survive_the_trip_through_an_address(
    data, hidden, bias, rate, lam, batch, seed, points
) -> None:
    chosen = {"data": data, "hidden": hidden, "bias": bias, "rate": rate, "lam": lam, "batch": batch,
              "seed": seed, "points": points}  # fmt: skip
    written = playground.query(chosen)
    back = playground.settings(written)
    assert playground.query(back) == written
    assert {k: back[k] for k in ("data", "hidden", "bias", "batch", "seed", "points")} == {
        k: chosen[k] for k in ("data", "hidden", "bias", "batch", "seed", "points")
    }
    # rate and λ are written with 6 significant digits
    assert math.isclose(back["rate"], rate, rel_tol=1e-5) and math.isclose(
        back["lam"], lam, rel_tol=1e-5, abs_tol=0
    )
    assert playground.settings(back) == back


def test_an_address_may_hold_other_parameters_and_missing_ones_take_defaults() -> None:
    s = playground.settings("?highlight=cost&data=moons&hidden=")
    assert s == {**playground.DEFAULTS, "data": "moons", "hidden": []}
    assert playground.settings("") == playground.DEFAULTS
    assert playground.query({}) == "data=xor&hidden=8&bias=1&rate=3&lam=0&batch=10&seed=0"


@pytest.mark.parametrize(
    "value",
    [
        "data=stars",
        "hidden=4,x",
        "hidden=4,-1",
        "hidden=9",
        "hidden=1,1,1,1,1",
        "bias=yes",
        "rate=0",
        "rate=1e9",
        "rate=nan",
        "lam=-1",
        "batch=0",
        "seed=-3",
        "points=0.5,0.5",
        "points=2,0.5,1",
        "points=0.5,0.5,2",  # xor has classes 0 and 1
        {"speed": 3},
        {"hidden": "4,4"},
        {"bias": 1},
        {"points": [[0.5, 0.5]]},
        42,
    ],
)
def test_bad_settings_are_refused_by_name(value) -> None:
    with pytest.raises(NNDError):
        playground.settings(value)
    playground.start("test-refuse", "data=moons")
    before = playground.step("test-refuse", 2)
    with pytest.raises(NNDError):
        playground.start("test-refuse", value)
    assert playground.frame("test-refuse") == before  # a refused call changed nothing


@pytest.mark.parametrize(
    "call",
    [
        lambda: playground.step("test-refuse-2", 0),
        lambda: playground.step("test-refuse-2", playground.MAX_EPOCHS + 1),
        lambda: playground.step("test-refuse-2", 1.0),
        lambda: playground.add_point("test-refuse-2", 0.5, 0.5, 3),
        lambda: playground.add_point("test-refuse-2", 1.5, 0.5, 0),
        lambda: playground.add_point("test-refuse-2", 0.5, float("nan"), 0),
        lambda: playground.frame("no-such-playground"),
        lambda: playground.start("", "data=xor"),
        lambda: playground.start(7, "data=xor"),
    ],
)
def test_bad_calls_are_refused_and_change_nothing(call) -> None:
    playground.start("test-refuse-2", "data=circles")
    before = copy.deepcopy(playground.step("test-refuse-2", 1))
    with pytest.raises(NNDError):
        call()
    assert playground.frame("test-refuse-2") == before


def test_the_playground_is_quick_enough_for_a_frame() -> None:
    import time

    started = time.perf_counter()
    playground.start("test-time", "data=spiral&hidden=8,8")
    first = time.perf_counter() - started
    started = time.perf_counter()
    playground.step("test-time", 5)
    stepped = time.perf_counter() - started
    print(f"CPython: first frame {first * 1000:.0f} ms, 5 epochs and a frame {stepped * 1000:.0f} ms")
    assert playground.frame("test-time")["epoch"] == 5

"""Saving and loading under hostile paths and files: devices, FIFOs, sockets, links, huge limits, huge values.

Every refusal must come before anything is written or read, name the path, and leave the
file system as it was.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnd
from nnd.network import loads
from nnd.util import files
from nnd.util.errors import FileFormatError, InvalidTypeError, InvalidValueError, NNDError, PathError

GOOD = nnd.Network(seed=3).to_json()
posix = pytest.mark.skipif(os.name != "posix", reason="FIFOs, sockets and /dev exist on POSIX only")


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """What is in ``folder``: each name with its file type and size (links not followed)."""
    return {p.name: (stat.S_IFMT(p.lstat().st_mode), p.lstat().st_size) for p in sorted(folder.iterdir())}


# -- save: only regular files --------------------------------------------------------------
@posix
@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero", "/dev/full"])
def test_saving_to_a_device_is_refused_and_the_device_stays_a_device(device: str) -> None:
    before = os.stat(device)
    with pytest.raises(OSError, match=rf"cannot save to '{device}': it is a character device") as caught:
        nnd.Network(seed=1).save(device)
    assert isinstance(caught.value, PathError) and isinstance(caught.value, NNDError)
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


@posix
def test_saving_to_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(PathError, match="FIFO"):
        nnd.Network(seed=1).save(fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and listing(tmp_path) == {"pipe": (stat.S_IFIFO, 0)}


@posix
def test_saving_to_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(PathError, match="socket"):
            nnd.Network(seed=1).save(path)
        assert stat.S_ISSOCK(path.lstat().st_mode) and [p.name for p in tmp_path.iterdir()] == ["s"]
    finally:
        server.close()


def test_saving_through_a_link_replaces_the_file_it_points_to_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    net = nnd.Network(seed=4)
    net.save(link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == net.to_json()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]  # no temporary left


def test_a_link_to_nothing_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    link = tmp_path / "dangling.json"
    link.symlink_to(tmp_path / "nowhere.json")
    with pytest.raises(FileNotFoundError, match=r"symbolic link to .*nowhere\.json.*does not exist"):
        nnd.Network(seed=1).save(link)
    assert [p.name for p in tmp_path.iterdir()] == ["dangling.json"]


@posix
def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "null.json"
    link.symlink_to("/dev/null")
    with pytest.raises(PathError, match="character device"):
        nnd.Network(seed=1).save(link)
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_failed_write_keeps_the_old_file_leaves_no_temporary_and_names_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "net.json"
    path.write_text(GOOD, encoding="utf-8")

    def full_disk(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(src))

    monkeypatch.setattr(files.os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left on device") as caught:
        nnd.Network(seed=9).save(path)
    message = str(caught.value)
    assert repr(str(path)) in message and ".tmp" not in message and caught.value.errno == errno.ENOSPC
    assert path.read_text(encoding="utf-8") == GOOD and [p.name for p in tmp_path.iterdir()] == ["net.json"]


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "net.json"
    path.write_text(GOOD, encoding="utf-8")

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        nnd.Network(seed=9).save(path)
    assert path.read_text(encoding="utf-8") == GOOD and [p.name for p in tmp_path.iterdir()] == ["net.json"]


@pytest.mark.parametrize("data", [None, 3, ["text"], bytearray(b"x")])
def test_write_file_refuses_what_is_not_text_or_bytes(tmp_path: Path, data: object) -> None:
    with pytest.raises(InvalidTypeError, match="data"):
        files.write_file(tmp_path / "x", data)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


# -- load: never reads what is not a regular file ---------------------------------------------
@posix
def test_loading_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            nnd.load(fifo)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(60)  # a generous bound for a call that must return at once; only a hang reaches it
    if worker.is_alive():  # unblock the reader, so that the test process is not left hanging
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("nnd.load blocked on a FIFO")
    assert isinstance(outcome[0], PathError) and "FIFO" in str(outcome[0])


@posix
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_loading_a_device_is_refused(device: str) -> None:
    with pytest.raises(PathError, match=rf"cannot read '{device}': it is a character device"):
        nnd.load(device, max_bytes=2**62)


def test_loading_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="folder"):
        nnd.load(tmp_path)


def test_loading_through_a_link_reads_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text(GOOD, encoding="utf-8")
    (tmp_path / "link.json").symlink_to(real)
    assert nnd.load(tmp_path / "link.json").to_json() == GOOD


@pytest.mark.parametrize("limit", [len(GOOD.encode()), 2**31, 2**62, 10**30, 2**1000])
def test_any_positive_int_limit_works_without_allocating_it(tmp_path: Path, limit: int) -> None:
    path = tmp_path / "n.json"
    path.write_text(GOOD, encoding="utf-8")
    assert nnd.load(path, max_bytes=limit).to_json() == GOOD


def test_one_byte_under_the_size_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "n.json"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(FileFormatError, match="larger than the limit"):
        nnd.load(path, max_bytes=len(GOOD.encode()) - 1)


@pytest.mark.parametrize(
    ("limit", "error"),
    [(True, InvalidTypeError), (False, InvalidTypeError), (1.5, InvalidTypeError), ("9", InvalidTypeError),
     (None, InvalidTypeError), (0, InvalidValueError), (-1, InvalidValueError),
     (-(10**400), InvalidValueError)],
)  # fmt: skip
def test_bad_limits_are_refused_before_the_file_is_opened(tmp_path: Path, limit: object, error: type) -> None:
    with pytest.raises(error, match="max_bytes"):
        nnd.load(tmp_path / "does-not-exist.json", max_bytes=limit)  # type: ignore[arg-type]


# -- error messages stay short, whatever the file holds ------------------------------------------
FIELDS = ["format", "version", "layer_sizes", "lam", "unknown key", "weight", "duplicate key"]


def damaged(field: str, value: object) -> str:
    data = json.loads(GOOD)
    if field == "unknown key":
        data[str(value)] = 1
    elif field == "weight":
        data["weights"][0][0][0] = value
    elif field == "duplicate key":
        return GOOD.replace('"format"', f"{json.dumps(str(value))}: 1, {json.dumps(str(value))}", 1)
    else:
        data[field] = value
    return json.dumps(data)


@given(
    field=st.sampled_from(FIELDS),
    value=st.one_of(
        st.text(min_size=200, max_size=3000),
        st.integers(min_value=10**200, max_value=10**4000),
        st.lists(st.integers(), min_size=100, max_size=400),
    ),
)
def test_a_long_value_is_never_echoed_in_full(field: str, value: object) -> None:
    with pytest.raises(FileFormatError) as caught:
        loads(damaged(field, value))
    assert len(str(caught.value)) < 600


def test_a_ten_megabyte_string_is_not_echoed(tmp_path: Path) -> None:
    huge = "x" * 10_000_000
    for field in FIELDS:
        path = tmp_path / "big.json"
        path.write_text(damaged(field, huge), encoding="utf-8")
        with pytest.raises(FileFormatError) as caught:
            nnd.load(path)
        assert len(str(caught.value)) < 600 and str(path) in str(caught.value)


def test_an_int_of_five_thousand_digits_is_refused_briefly() -> None:
    with pytest.raises(FileFormatError) as caught:
        loads(GOOD.replace('"version": 1', '"version": ' + "9" * 5000))
    assert len(str(caught.value)) < 600


def test_io_errors_are_nnd_errors_and_the_built_ins_they_always_were(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as caught:
        loads("[]")
    assert isinstance(caught.value, NNDError)
    with pytest.raises(TypeError) as caught_type:
        loads(b"{}")  # type: ignore[arg-type]
    assert isinstance(caught_type.value, NNDError)
    with pytest.raises(IsADirectoryError) as caught_dir:
        nnd.Network().save(tmp_path)
    assert isinstance(caught_dir.value, NNDError)


# -- names no file can have, names too long to echo, text no file can hold ------------------------
def test_a_name_with_nul_is_refused_by_every_door_before_anything_happens(tmp_path: Path) -> None:
    bad = str(tmp_path / "a\x00b.json")
    calls = [
        lambda: nnd.Network().save(bad),
        lambda: nnd.load(bad),
        lambda: files.write_file(bad, "text"),
        lambda: files.check_writable(bad),
        lambda: files.read_file(bad, 100),
    ]
    for call in calls:
        with pytest.raises(InvalidValueError, match="NUL"):
            call()
    assert list(tmp_path.iterdir()) == []


def test_a_long_path_is_cut_in_every_message(tmp_path: Path) -> None:
    long = str(tmp_path / ("x" * 10_000))
    for call in (lambda: nnd.Network().save(long), lambda: nnd.load(long), lambda: files.read_file(long, 10)):
        with pytest.raises(PathError) as caught:
            call()
        assert len(str(caught.value)) < 600
    with pytest.raises(InvalidValueError) as refused:
        files.check_path("y" * 10_000 + "/")
    assert len(str(refused.value)) < 600


def test_text_that_utf8_cannot_hold_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError, match="UTF-8"):
        files.write_file(tmp_path / "x.svg", "a lone surrogate: \ud800")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("limit", "error"), [("9", InvalidTypeError), (None, InvalidTypeError),
                                              (0, InvalidValueError), (True, InvalidTypeError)])  # fmt: skip
def test_read_file_checks_its_limit_as_load_does(tmp_path: Path, limit: object, error: type) -> None:
    path = tmp_path / "n.json"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(error, match="max_bytes"):
        files.read_file(path, limit)  # type: ignore[arg-type]


def test_a_numpy_int_is_a_limit_like_any_int(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    path = tmp_path / "n.json"
    path.write_text(GOOD, encoding="utf-8")
    assert nnd.load(path, max_bytes=np.int64(10**6)).to_json() == GOOD

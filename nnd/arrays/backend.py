"""The array-backend interface: the specification every backend implements.

The network, its cost and its backpropagation (:mod:`nnd.backprop`) touch arrays
only through these methods, so they are written once and run on any backend.

Arrays are float64 and 1-D or 2-D. "Elementwise" operations take two arrays of the
same shape, or an array and a Python float (on either side where noted). A backend
is free to choose its own array type; it only has to say which objects are its
arrays (:meth:`Backend.is_array`).

To write a backend, subclass :class:`Backend`, implement every abstract method,
register the class under the entry-point group ``nnd.backends`` and run
:func:`nnd.arrays.conformance.check_backend` on it. See the docs' "Writing a backend" guide.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from nnd.util.checks import LIMIT, Shape, as_nested
from nnd.util.errors import InvalidValueError

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:
    from typing import Any, TypeAlias

    Array: TypeAlias = Any
    Operand: TypeAlias = Any
else:
    Array = object
    """Whatever array type a backend uses (``ListArray``, ``numpy.ndarray``, ...)."""

    Operand = object
    """An array of the backend, or (where the method says so) a Python float."""


class Backend(ABC):
    """Abstract base class of array backends. Instances are stateless."""

    #: The name users select the backend by (``NND_BACKEND=<name>``).
    name: str = ""

    # -- creation and inspection ------------------------------------------------

    def asarray(self, data: Any, what: str = "") -> Array:
        """A new float64 array (1-D or 2-D) from any array-like: nested lists of numbers, a NumPy
        array of any real dtype, an object with ``tolist()`` or ``__array__``, or an array of
        this backend (copied).

        Bad data (ragged rows, strings, NaN or infinity, empty lists, 3-D arrays) raises a
        ``ValueError`` or ``TypeError`` that says what was expected and what arrived, naming
        the data as ``what`` says (``"X"``, ``"W1"``, ...).

        >>> import nnd
        >>> nnd.get_backend("python").asarray(((1, 2), (3, 4)))
        ListArray([[1., 2.],
                   [3., 4.]])
        """
        if self.is_array(data):
            return self.copy(data)
        rows, shape = as_nested(data, what=what or f"{self.name} backend: asarray")
        return self.from_floats(rows, shape)

    def checked(self, value: Any, name: str, shape: tuple[int | None, ...] | None = None) -> Array:
        """``value`` as an array of this backend, checked: the one door for data and weights.

        :meth:`shaped`, then every number finite and within ±:data:`~nnd.util.checks.LIMIT`.
        Anything :meth:`asarray` takes is converted (a new array); an array of this backend is
        used as it is, not copied. Errors name the value as ``name``.

        >>> import nnd
        >>> B = nnd.get_backend("python")
        >>> B.checked([[1, 2]], "X", (None, 2)).shape
        (1, 2)
        >>> B.checked([[1, 2]], "X", (None, 3))
        Traceback (most recent call last):
        nnd.util.errors.InvalidValueError: X: expected shape (rows, 3), got (1, 2)
        >>> B.checked([[1, 1e31]], "X")
        Traceback (most recent call last):
        nnd.util.errors.InvalidValueError: X: expected numbers within ±1e+30, got larger ones; ...
        """
        value = self.shaped(value, name)
        if not self.within_limit(value):
            self._check_each(value, name)
        if shape is not None:
            _check_shape(self.shape(value), shape, name)
        return value

    def shaped(self, value: Any, name: str) -> Array:
        """``value`` as a 1-D or 2-D array of this backend with at least one number; its numbers
        are not yet held to the limit, which :meth:`checked` and :meth:`within_limit` do.

        Anything :meth:`asarray` takes is converted (a new array, its numbers checked to be
        finite on the way); an array of this backend is used as it is, not copied. Errors
        name the value as ``name``.

        >>> import nnd
        >>> nnd.get_backend("python").shaped([[1, 2], [3, 4]], "X").shape
        (2, 2)
        """
        if not self.is_array(value):
            return self.asarray(value, name)
        got = self.shape(value)
        if not 1 <= len(got) <= 2 or 0 in got:
            raise InvalidValueError(
                f"{name}: expected a 1-D or 2-D array with at least one number, "
                f"got a {len(got)}-D array of shape {got}"
            )
        return value

    def _check_each(self, value: Array, name: str) -> None:
        """InvalidValueError unless every element is finite and within ±LIMIT, looked at one by one.

        For arrays that failed the quick test, :meth:`within_limit`.
        """
        if not self.all_finite(value):
            raise InvalidValueError(f"{name}: expected finite numbers, got NaN or infinity")
        rows = self.tolist(value)
        if max(abs(x) for row in rows for x in (row if isinstance(row, list) else [row])) > LIMIT:
            raise InvalidValueError(
                f"{name}: expected numbers within ±{LIMIT:g}, got larger ones; scale the data "
                "(as nnd.data does) so that products along the network cannot overflow"
            )

    @abstractmethod
    def from_floats(self, rows: list[Any], shape: Shape) -> Array:
        """An array built from validated lists of floats (a flat list if 1-D, list of rows if 2-D).

        The array may keep ``rows`` itself rather than a copy: pass lists that nothing else
        will change (:meth:`asarray` copies; this is its fast path for fresh lists).
        """

    @abstractmethod
    def is_array(self, obj: Any) -> bool:
        """True if ``obj`` is an array of this backend, of float64 (what its operations take as is).

        Anything else a user hands in goes through :meth:`asarray` first.
        """

    @abstractmethod
    def copy(self, a: Array) -> Array:
        """An independent copy of ``a``."""

    @abstractmethod
    def tolist(self, a: Array) -> list[Any]:
        """Nested Python lists of floats with the array's values."""

    @abstractmethod
    def shape(self, a: Array) -> Shape:
        """The array's shape as a tuple of ints: ``(n,)`` or ``(rows, columns)``."""

    @abstractmethod
    def all_finite(self, a: Array) -> bool:
        """True if no element is NaN or infinite."""

    def within_limit(self, *arrays: Array) -> bool:
        """True if every element of every array is finite and within ±LIMIT (1e30); False if
        not, or if unsure.

        The quick test that :meth:`checked` and every pass run on data and weights, all of a
        pass's arrays in one call: Σa² ≤ LIMIT² over all of them (which NaN fails). False can
        also mean that the sum went past LIMIT² (or overflowed) with every element in range;
        the caller then looks at each array. A backend may override it with a faster test
        that keeps the True answers true.

        >>> import nnd
        >>> B = nnd.get_backend("python")
        >>> small, large = B.asarray([[1e29, -1e29]]), B.asarray([[1e31]])
        >>> B.within_limit(small), B.within_limit(large), B.within_limit(small, small, large)
        (True, False, False)
        """
        return sum(self.vdot(a, a) for a in arrays) <= _LIMIT_SQUARED

    # -- linear algebra ---------------------------------------------------------

    @abstractmethod
    def matmul(self, a: Array, b: Array) -> Array:
        """Matrix product of 2-D arrays: ``(m, k) · (k, n) -> (m, n)``."""

    @abstractmethod
    def transpose(self, a: Array) -> Array:
        """Transpose of a 2-D array: ``(m, n) -> (n, m)``."""

    # -- elementwise arithmetic ---------------------------------------------------

    @abstractmethod
    def add(self, a: Operand, b: Operand) -> Array:
        """``a + b`` elementwise; either side may be a float."""

    @abstractmethod
    def subtract(self, a: Operand, b: Operand) -> Array:
        """``a - b`` elementwise; either side may be a float."""

    @abstractmethod
    def multiply(self, a: Operand, b: Operand) -> Array:
        """``a * b`` elementwise (Hadamard product ⊙); either side may be a float."""

    @abstractmethod
    def divide(self, a: Array, b: Operand) -> Array:
        """``a / b`` elementwise; ``b`` may be a float."""

    # -- the sigmoid and its derivative -------------------------------------------

    @abstractmethod
    def sigmoid(self, z: Array) -> Array:
        """f(z) = 1 / (1 + e^-z) elementwise; finite and warning-free for every float."""

    @abstractmethod
    def sigmoid_prime(self, z: Array) -> Array:
        """f′(z) = e^-z / (1 + e^-z)² elementwise; finite and warning-free for every float."""

    @abstractmethod
    def sigmoid_prime_from_output(self, a: Array) -> Array:
        """f′ through the sigmoid's output: ``a · (1 − a)`` where ``a = f(z)``."""

    # -- composites: each is defined by its default below, written with the operations
    #    above. A backend may override one to do the same in fewer passes (all of
    #    nnd's tests hold the override to the default), never to compute something else.

    def matmul_ta(self, a: Array, b: Array) -> Array:
        """``aᵀ·b`` (as in dJdW2 = a2ᵀ·delta3), without building ``aᵀ`` if the backend can avoid it."""
        return self.matmul(self.transpose(a), b)

    def matmul_tb(self, a: Array, b: Array) -> Array:
        """``a·bᵀ`` (as in delta3·W2ᵀ), without building ``bᵀ`` if the backend can avoid it."""
        return self.matmul(a, self.transpose(b))

    def multiply_sigmoid_prime(self, g: Array, a: Array) -> Array:
        """``g ⊙ f′(z)`` where ``a = f(z)``, so f′(z) = a(1 − a)."""
        return self.multiply(g, self.sigmoid_prime_from_output(a))

    # The steps of the forward pass and of backpropagation, each one call so that a
    # backend can do it in one pass:

    def matmul_sigmoid(self, a: Array, W: Array) -> tuple[Array, Array]:
        """``(z, f(z))`` with ``z = a·W``: a layer's z and output, as z2 = X·W1 and a2 = f(z2).

        Both are new arrays (a network keeps them as z2 and a2).

        >>> import nnd
        >>> B = nnd.get_backend("python")
        >>> z, a2 = B.matmul_sigmoid(B.asarray([[1.0, 2.0]]), B.asarray([[0.5], [-0.25]]))
        >>> z.tolist(), a2.tolist()  # 1·0.5 + 2·(−0.25) = 0, and f(0) = ½
        ([[0.0]], [[0.5]])
        """
        z = self.matmul(a, W)
        return z, self.sigmoid(z)

    def matmul_bias_sigmoid(self, a: Array, W: Array, b: Array) -> tuple[Array, Array]:
        """``(z, f(z))`` with ``z = a·W + b``: a layer with biases, as z2 = X·W1 + b2 and a2 = f(z2).

        ``b`` is a (1, n) row, added to every row of ``a·W``.

        >>> import nnd
        >>> B = nnd.get_backend("python")
        >>> z, a2 = B.matmul_bias_sigmoid(B.asarray([[1.0], [2.0]]), B.asarray([[1.0]]), B.asarray([[-1.0]]))
        >>> z.tolist(), a2.tolist()[0]  # 1·1 − 1 = 0 and 2·1 − 1 = 1; f(0) = ½
        ([[0.0], [1.0]], [0.5])
        """
        z = self.add_row(self.matmul(a, W), b)
        return z, self.sigmoid(z)

    def add_row(self, a: Array, row: Array) -> Array:
        """``a + row``: the (1, n) ``row`` added to every row of the (m, n) array ``a``.

        Defined as ``a + ones(m, 1)·row``, so it needs no broadcasting.

        >>> import nnd
        >>> B = nnd.get_backend("python")
        >>> B.add_row(B.asarray([[1.0, 2.0], [3.0, 4.0]]), B.asarray([[10.0, 20.0]])).tolist()
        [[11.0, 22.0], [13.0, 24.0]]
        """
        ones = self.from_floats([[1.0] for _ in range(self.shape(a)[0])], (self.shape(a)[0], 1))
        return self.add(a, self.matmul(ones, row))

    def column_sums(self, a: Array) -> Array:
        """``ones(1, m)·a``: the (1, n) row of each column's sum over the m rows (Σ over examples).

        As in dJdb2 = the sum over examples of delta2.

        >>> import nnd
        >>> B = nnd.get_backend("python")
        >>> B.column_sums(B.asarray([[1.0, 2.0], [3.0, 4.0]])).tolist()
        [[4.0, 6.0]]
        """
        m = self.shape(a)[0]
        return self.matmul(self.from_floats([[1.0] * m], (1, m)), a)

    def output_delta(self, yHat: Array, y: Array) -> Array:
        """``(yHat − y) ⊙ yHat(1 − yHat)``: delta3 = −(y − yHat) ⊙ f′(z3), with f′(z3) = yHat(1 − yHat).

        >>> import nnd
        >>> B = nnd.get_backend("python")
        >>> B.output_delta(B.asarray([[0.5]]), B.asarray([[1.0]])).tolist()  # (0.5 − 1) · 0.5 · 0.5
        [[-0.125]]
        """
        return self.multiply_sigmoid_prime(self.subtract(yHat, y), yHat)

    def hidden_delta(self, delta: Array, W: Array, a: Array) -> Array:
        """``(delta·Wᵀ) ⊙ a(1 − a)``: delta2 = (delta3·W2ᵀ) ⊙ f′(z2), with f′(z2) = a2(1 − a2).

        >>> import nnd
        >>> B = nnd.get_backend("python")
        >>> delta3, W2, a2 = B.asarray([[2.0]]), B.asarray([[1.0], [3.0]]), B.asarray([[0.5, 0.5]])
        >>> B.hidden_delta(delta3, W2, a2).tolist()  # [2·1, 2·3] ⊙ [0.25, 0.25]
        [[0.5, 1.5]]
        """
        return self.multiply_sigmoid_prime(self.matmul_tb(delta, W), a)

    # -- reductions -----------------------------------------------------------------

    @abstractmethod
    def sum(self, a: Array) -> float:
        """Sum of all elements, as a Python float."""

    @abstractmethod
    def vdot(self, a: Array, b: Array) -> float:
        """Σ a⊙b over all elements of two same-shaped arrays, as a Python float."""

    def __repr__(self) -> str:
        return f"<nnd backend {self.name!r}>"


_LIMIT_SQUARED = LIMIT * LIMIT


def _check_shape(got: Shape, shape: tuple[int | None, ...], name: str) -> None:
    """InvalidValueError unless the 1-D or 2-D shape ``got`` is ``shape`` (None: any length)."""
    if not (len(got) == len(shape) and got[-1] == shape[-1] and (shape[0] is None or got[0] == shape[0])):
        expected = (
            "("
            + ", ".join("rows" if n is None else str(n) for n in shape)
            + ("," if len(shape) == 1 else "")
            + ")"
        )
        raise InvalidValueError(f"{name}: expected shape {expected}, got {got}")


#: Names of the methods a backend must provide, in the order of this file.
OPERATIONS: tuple[str, ...] = tuple(
    name for name, member in vars(Backend).items() if getattr(member, "__isabstractmethod__", False)
)

#: Operations with a default built from the others, which a backend may override for speed.
COMPOSITES: tuple[str, ...] = (
    "matmul_ta",
    "matmul_tb",
    "multiply_sigmoid_prime",
    "matmul_sigmoid",
    "matmul_bias_sigmoid",
    "add_row",
    "column_sums",
    "output_delta",
    "hidden_delta",
)

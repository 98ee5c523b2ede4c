"""The series' mathematics, in one place, written once against the backend interface.

Names follow the videos, and so do layer numbers: layer 1 is the input X, layer 2
the hidden layer, layer 3 the output. W1 joins layers 1 and 2, W2 layers 2 and 3:

    z2 = X·W1, a2 = f(z2), z3 = a2·W2, yHat = f(z3)
    delta3 = −(y − yHat) ⊙ f′(z3), dJdW2 = a2ᵀ·delta3
    delta2 = (delta3·W2ᵀ) ⊙ f′(z2), dJdW1 = Xᵀ·delta2

Equation numbers are those of the docs' backpropagation chapter. The arrays are kept
in dicts by layer number, so ``a[2]`` is a2 and ``dJdW[1]`` is dJdW1. A deeper network
runs the same two steps once more per layer ("stack a bunch of these operations
together"): a(l+1) = f(a(l)·W(l)), with a(1) = X and the last a(l) = yHat.

Past the series, a network may have biases: a row b(l) added to every example's z(l),
z2 = X·W1 + b2, whose gradient is the sum of delta(l) over the examples, dJdb2 = Σ delta2.
Without biases (the series' network) those lines never run.

Dimensions, with m examples and sizes (n1, n2, n3) = (input, hidden, output):
X (m, n1), W1 (n1, n2), b2 (1, n2), z2 and a2 (m, n2), W2 (n2, n3), b3 (1, n3),
z3, yHat and delta3 (m, n3), delta2 (m, n2); each gradient has its parameter's shape.

Each ``B.`` call is one backend operation, defined in :mod:`nnd.arrays.backend` by plain
array arithmetic; the comment beside it says what it computes. :func:`run` is the one
pass that :class:`~nnd.network.Network`, training and gradient checking all use.

The series' own network (two layers of weights, no biases) is also written out line by
line, as the videos write it, in :func:`series_pass`, which :func:`run` uses for it. It
makes the same backend calls in the same order as :func:`forward` and :func:`backward`,
so its results are the same to the last bit (a test holds it to that). At the series'
size a gradient takes about 14% less time that way: a loop over layers, with its dicts
and layer arithmetic, costs more there than the few multiplications it orders.
"""

from __future__ import annotations

from math import nan

from nnd.arrays.backend import Array, Backend

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:
    from collections.abc import Sequence


def forward(
    B: Backend, X: Array, weights: Sequence[Array], biases: Sequence[Array] = ()
) -> tuple[dict[int, Array], dict[int, Array]]:
    """Propagate X through the layers. Returns ``(z, a)`` by layer number.

    ``z[2]``, ``z[3]``, ...; ``a[1]`` = X, ``a[2]``, ..., and the last, ``a[L]``, is yHat.
    ``biases`` is ``[b2, b3, ...]``, or empty for the series' network without biases.

    >>> import nnd
    >>> B = nnd.get_backend("python")
    >>> z, a = forward(B, B.asarray([[1.0, 2.0]]), [B.asarray([[0.5], [-0.25]])])
    >>> z[2].tolist(), a[2].tolist()  # z2 = 1·0.5 + 2·(−0.25) = 0, a2 = f(0) = ½
    ([[0.0]], [[0.5]])
    """
    W = (None, *weights)  # W[1] is W1: layers count from 1
    b = (None, None, *biases)  # b[2] is b2
    z: dict[int, Array] = {}
    a: dict[int, Array] = {1: X}  # a(1) = X
    for l in range(2, len(weights) + 2):
        if biases:
            # z(l) = a(l−1)·W(l−1) + b(l) and a(l) = f(z(l)):  z2 = X·W1 + b2, a2 = f(z2), ...
            z[l], a[l] = B.matmul_bias_sigmoid(a[l - 1], W[l - 1], b[l])
        else:
            # z(l) = a(l−1)·W(l−1) and a(l) = f(z(l)):
            #   z2 = X·W1 (eq. 1), a2 = f(z2) (eq. 2);  z3 = a2·W2 (eq. 3), yHat = a3 = f(z3) (eq. 4)
            z[l], a[l] = B.matmul_sigmoid(a[l - 1], W[l - 1])
    return z, a


def cost(B: Backend, y: Array, yHat: Array, weights: Sequence[Array], lam: float | None) -> float:
    """The cost J as a float.

    ``lam=None``: Part 4's J = ½Σ(y − yHat)². A number: Part 7's J = ½Σ(y − yHat)²/m + (λ/2)ΣW²
    (biases are not penalized: they shift a unit's input and do not make it more sensitive).
    """
    error = B.subtract(y, yHat)  # y − yHat
    J = 0.5 * B.vdot(error, error)  # J = ½ Σ (y − yHat)²  (eq. 5)
    if lam is None:
        return J
    m = B.shape(y)[0]
    # Part 7: J = ½ Σ (y − yHat)² / m + (λ/2)(ΣW1² + ΣW2²)
    return J / m + 0.5 * lam * sum(B.vdot(W, W) for W in weights)


def backward(
    B: Backend,
    y: Array,
    weights: Sequence[Array],
    a: dict[int, Array],
    lam: float | None,
    bias: bool = False,
) -> tuple[dict[int, Array], dict[int, Array], dict[int, Array]]:
    """Backpropagation. Returns ``(dJdW, dJdb, delta)`` by layer number.

    ``dJdW[1]``, ...; ``dJdb[2]``, ... (empty unless ``bias``); ``delta[2]``, ....
    ``a`` is what :func:`forward` returned (a[1] = X, ..., the last is yHat).
    f′(z) is computed from the forward pass's output as a(1 − a): equal to the video's
    e^-z/(1 + e^-z)² in exact arithmetic and free of exponentials. In floating point it is
    accurate in absolute terms (to about 1e-16) but loses relative accuracy where the
    sigmoid saturates (z beyond about ±15), which gradients tolerate: there f′ is below
    3e-7 anyway.

    >>> import nnd
    >>> B = nnd.get_backend("python")
    >>> X, y, W1 = B.asarray([[1.0, 2.0]]), B.asarray([[1.0]]), B.asarray([[0.5], [-0.25]])
    >>> z, a = forward(B, X, [W1])
    >>> dJdW, dJdb, delta = backward(B, y, [W1], a, None)
    >>> delta[2].tolist(), dJdW[1].tolist()  # delta2 = (½ − 1)·½·½; dJdW1 = Xᵀ·delta2
    ([[-0.125]], [[-0.125], [-0.25]])
    """
    W = (None, *weights)  # W[1] is W1: layers count from 1
    L = len(weights) + 1  # the output layer: 3 in the series' network
    yHat = a[L]
    dJdW: dict[int, Array] = {}
    dJdb: dict[int, Array] = {}
    delta: dict[int, Array] = {}
    # delta3 = −(y − yHat) ⊙ f′(z3)  (eq. 6a):  (yHat − y) ⊙ yHat(1 − yHat)
    delta[L] = B.output_delta(yHat, y)
    for l in range(L, 1, -1):  # l = 3, 2: the layer whose delta is known
        # dJdW(l−1) = a(l−1)ᵀ·delta(l):  dJdW2 = a2ᵀ·delta3 (eq. 6),  dJdW1 = Xᵀ·delta2 (eq. 7)
        dJdW[l - 1] = B.matmul_ta(a[l - 1], delta[l])
        if bias:
            # dJdb(l) = Σ over examples of delta(l):  dJdb3 = Σ delta3,  dJdb2 = Σ delta2
            dJdb[l] = B.column_sums(delta[l])
        if l > 2:
            # delta(l−1) = (delta(l)·W(l−1)ᵀ) ⊙ f′(z(l−1)), with f′(z2) = a2(1 − a2):
            #   delta2 = (delta3·W2ᵀ) ⊙ f′(z2)  (eq. 7a)
            delta[l - 1] = B.hidden_delta(delta[l], W[l - 1], a[l - 1])
    if lam is not None:
        m = float(B.shape(y)[0])
        for l in dJdW:
            dJdW[l] = regularized(B, dJdW[l], W[l], m, lam)
        for l in dJdb:
            dJdb[l] = B.divide(dJdb[l], m)  # Part 7's averaging; biases carry no penalty
    return dJdW, dJdb, delta


def regularized(B: Backend, dJdW: Array, W: Array, m: float, lam: float) -> Array:
    """Part 7's gradient of the weights W from Part 4's ``dJdW``, over m examples."""
    # Part 7: dJdW1 = Xᵀ·delta2 / m + λ·W1, and so on for each layer
    return B.add(B.divide(dJdW, m), B.multiply(lam, W))


class Pass:
    """What :func:`run` computes: the cost, the gradients and the values a network keeps.

    - ``J``: the cost (NaN if it was not asked for);
    - ``gradients``: ``(dJdW1, dJdW2, ..., dJdb2, dJdb3, ...)``, weights in layer order,
      then biases (if any); empty if they were not asked for;
    - ``z``, ``a``, ``delta``: the pass's values by layer number, as :func:`forward` and
      :func:`backward` give them.
    """

    __slots__ = ("J", "a", "delta", "gradients", "z")

    def __init__(
        self,
        J: float,
        gradients: tuple[Array, ...],
        z: dict[int, Array],
        a: dict[int, Array],
        delta: dict[int, Array],
    ) -> None:
        self.J, self.gradients, self.z, self.a, self.delta = J, gradients, z, a, delta


def series_pass(
    B: Backend,
    X: Array,
    y: Array,
    W1: Array,
    W2: Array,
    lam: float | None,
    *,
    with_cost: bool,
    with_gradients: bool,
) -> Pass:
    """:func:`run` for the series' network, two layers of weights and no biases, written out
    in the videos' order and names.

    >>> import nnd
    >>> B = nnd.get_backend("python")
    >>> X, y = B.asarray([[1.0, 2.0]]), B.asarray([[1.0]])
    >>> W1, W2 = B.asarray([[0.5], [-0.25]]), B.asarray([[2.0]])
    >>> result = series_pass(B, X, y, W1, W2, None, with_cost=True, with_gradients=True)
    >>> result.a[2].tolist(), result.z[3].tolist()  # a2 = f(0) = ½, z3 = ½·2 = 1
    ([[0.5]], [[1.0]])
    """
    z2, a2 = B.matmul_sigmoid(X, W1)  # z2 = X·W1 (eq. 1), a2 = f(z2) (eq. 2)
    z3, yHat = B.matmul_sigmoid(a2, W2)  # z3 = a2·W2 (eq. 3), yHat = f(z3) (eq. 4)
    J = cost(B, y, yHat, (W1, W2), lam) if with_cost else nan  # J (eq. 5)
    z, a = {2: z2, 3: z3}, {1: X, 2: a2, 3: yHat}
    if not with_gradients:
        return Pass(J, (), z, a, {})
    delta3 = B.output_delta(yHat, y)  # delta3 = −(y − yHat) ⊙ f′(z3) (eq. 6a)
    dJdW2 = B.matmul_ta(a2, delta3)  # dJdW2 = a2ᵀ·delta3 (eq. 6)
    delta2 = B.hidden_delta(delta3, W2, a2)  # delta2 = (delta3·W2ᵀ) ⊙ f′(z2) (eq. 7a)
    dJdW1 = B.matmul_ta(X, delta2)  # dJdW1 = Xᵀ·delta2 (eq. 7)
    if lam is not None:  # Part 7
        m = float(B.shape(y)[0])
        dJdW1, dJdW2 = regularized(B, dJdW1, W1, m, lam), regularized(B, dJdW2, W2, m, lam)
    return Pass(J, (dJdW1, dJdW2), z, a, {2: delta2, 3: delta3})


def run(
    B: Backend,
    X: Array,
    y: Array,
    weights: Sequence[Array],
    biases: Sequence[Array] = (),
    lam: float | None = None,
    *,
    with_cost: bool = True,
    with_gradients: bool = True,
) -> Pass:
    """One pass: :func:`forward`, then :func:`cost` and :func:`backward` as asked (for the
    series' network, :func:`series_pass`, the same steps written out).

    >>> import nnd
    >>> B = nnd.get_backend("python")
    >>> X, y, W1 = B.asarray([[1.0, 2.0]]), B.asarray([[1.0]]), B.asarray([[0.5], [-0.25]])
    >>> result = run(B, X, y, [W1])
    >>> result.J, result.gradients[0].tolist()  # J = ½(1 − ½)², dJdW1 = Xᵀ·delta2
    (0.125, [[-0.125], [-0.25]])
    """
    if len(weights) == 2 and not biases:  # the series' network, written out
        return series_pass(
            B, X, y, weights[0], weights[1], lam, with_cost=with_cost, with_gradients=with_gradients
        )
    z, a = forward(B, X, weights, biases)
    L = len(weights) + 1
    J = cost(B, y, a[L], weights, lam) if with_cost else nan
    if not with_gradients:
        return Pass(J, (), z, a, {})
    dJdW, dJdb, delta = backward(B, y, weights, a, lam, bias=bool(biases))
    gradients = [dJdW[l] for l in range(1, L)]
    if biases:
        gradients += [dJdb[l] for l in range(2, L + 1)]
    return Pass(J, tuple(gradients), z, a, delta)

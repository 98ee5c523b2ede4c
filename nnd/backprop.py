"""The series' mathematics, in one place, written once against the backend interface.

Names follow the videos: X (inputs), W1, W2 (weights), z2 = X·W1, a2 = f(z2),
z3 = a2·W2, yHat = f(z3), delta3, delta2, dJdW2, dJdW1. Equation numbers are
the series' own (Part 4). A network with more layers runs the same two steps per
layer ("stack a bunch of these operations together"): layer l maps a(l) to
a(l+1) = f(a(l)·W(l)), with a(1) = X and the last a = yHat.

Dimensions, with m examples, sizes (n1, n2, n3) = (input, hidden, output):
X (m, n1), W1 (n1, n2), z2 and a2 (m, n2), W2 (n2, n3), z3, yHat and delta3 (m, n3),
delta2 (m, n2), dJdW1 like W1, dJdW2 like W2.
"""

from __future__ import annotations

from nnd.backend import Array, Backend

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:
    from collections.abc import Sequence


def forward(B: Backend, X: Array, weights: Sequence[Array]) -> tuple[list[Array | None], list[Array]]:
    """Propagate X through the layers. Returns ``(zs, activities)``: ``[z2, z3]`` and ``[X, a2, yHat]``.

    A z is None where the backend went straight to f(z) (see :func:`preactivation`).
    """
    zs: list[Array | None] = []
    activities: list[Array] = [X]
    a = X
    for W in weights:
        # z(l+1) = a(l)·W(l) and a(l+1) = f(z(l+1)):
        #   z2 = X·W1 (eq. 1), a2 = f(z2) (eq. 2);  z3 = a2·W2 (eq. 3), yHat = f(z3) (eq. 4)
        z, a = B.matmul_sigmoid(a, W)
        zs.append(z)
        activities.append(a)
    return zs, activities


def preactivation(B: Backend, a: Array, W: Array) -> Array:
    """z2 or z3 after the fact, for a backend whose :func:`forward` went straight to a2 and yHat.

    >>> import nnd
    >>> B = nnd.get_backend("python")
    >>> preactivation(B, B.asarray([[1.0, 2.0]]), B.asarray([[3.0], [4.0]])).tolist()  # 1·3 + 2·4
    [[11.0]]
    """
    # z(l+1) = a(l)·W(l):  z2 = X·W1 (eq. 1),  z3 = a2·W2 (eq. 3)
    return B.matmul(a, W)


def cost(B: Backend, y: Array, yHat: Array, weights: Sequence[Array], lam: float | None) -> float:
    """The cost J as a float.

    ``lam=None``: Part 4's J = ½Σ(y − yHat)². A number: Part 7's J = ½Σ(y − yHat)²/m + (λ/2)ΣW².
    """
    error = B.subtract(y, yHat)
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
    activities: Sequence[Array],
    lam: float | None,
) -> tuple[list[Array], list[Array]]:
    """Backpropagation: ``([dJdW1, dJdW2, ...], [delta2, delta3, ...])`` from the forward pass.

    f′(z) is computed from the forward pass's output as a(1 − a) (inside ``B.output_delta``
    and ``B.hidden_delta``): equal to the video's e^-z/(1 + e^-z)² in exact arithmetic and
    free of exponentials. In floating point it is accurate in absolute terms (to about
    1e-16) but loses relative accuracy where the sigmoid saturates (z beyond about ±15),
    which gradients tolerate: there f′ is below 3e-7 anyway.
    ``B.matmul_ta(a, b)`` is aᵀ·b. The backend interface (:mod:`nnd.backend`) defines each
    call here by simpler array operations.
    """
    yHat = activities[-1]
    # delta3 = −(y − yHat) ⊙ f′(z3)  (eq. 6)
    delta = B.output_delta(yHat, y)
    grads: list[Array] = [None] * len(weights)
    deltas: list[Array] = [None] * len(weights)
    for l in reversed(range(len(weights))):  # l: the series' layer index
        deltas[l] = delta
        # dJdW(l) = a(l)ᵀ·delta(l+1):  dJdW2 = a2ᵀ·delta3 (eq. 6),  dJdW1 = Xᵀ·delta2 (eq. 7)
        grads[l] = B.matmul_ta(activities[l], delta)
        if l > 0:
            # delta(l) = (delta(l+1)·W(l)ᵀ) ⊙ f′(z(l)):  delta2 = (delta3·W2ᵀ) ⊙ f′(z2)  (eq. 7)
            delta = B.hidden_delta(delta, weights[l], activities[l])
    if lam is not None:
        m = float(B.shape(y)[0])
        # Part 7: dJdW = (the gradient above) / m + λ·W
        grads = [B.add(B.divide(g, m), B.multiply(lam, W)) for g, W in zip(grads, weights)]
    return grads, deltas

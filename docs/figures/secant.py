"""Part 5: the central difference of x³ at x = 1, the secant through x ± ε beside the tangent.

For x² the secant through x ± ε is parallel to the tangent at every ε, so the figure would show
no error; x³ shows the ε² the central difference is off by (3 + ε² against 3).
"""

from nnd import draw

figure = draw.secant(x=1.0, epsilon=0.75)

"""Part 5: the numerical derivative of x² at x = 1.5, the secant through x ± ε beside the tangent."""

from nnd import draw

figure = draw.secant(x=1.5, epsilon=0.5)

"""The sigmoid f(z) and its derivative f′(z) (Parts 2 and 4)."""

from nnd import draw

figure = draw.sigmoid()

"""Part 1: the three students, hours of sleep and study, coloured by test score."""

from nnd import draw

figure = draw.data()

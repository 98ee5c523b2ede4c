"""The series' 2-3-1 network, its synapses drawn by weight (Part 2)."""

import nnd
from nnd import draw

figure = draw.network(nnd.Network((2, 3, 1), seed=0))

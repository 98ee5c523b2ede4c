"""Python behind the docs' moving pages, run in the reader's browser (Pyodide) by the widgets.

- :mod:`nnd.explore.playground`: a small network learning a two-dimensional data set, a few
  epochs at a time, its maps and costs returned as a frame for the page to paint;
- :mod:`nnd.explore.digit`: a drawing reduced to 8 × 8 pixels as the shipped digits were, and
  read by a network trained on them;
- :mod:`nnd.explore.stepper`: one forward and backward pass of the series' network, a step at
  a time;
- :mod:`nnd.explore.sliders`: the series' network with its nine weights set by hand, and what
  they give;
- :mod:`nnd.explore.trainer`: gradient descent or BFGS on the series' data, an iteration at a
  time;
- :mod:`nnd.explore.exercises`: one exercise per chapter, checked, with the usual mistakes
  named.

Their functions take and return JSON-able values, and work the same in any Python.

>>> from nnd.explore import digit, playground
>>> playground.settings("data=moons&hidden=3")["hidden"], len(digit.pixels([[[0, 0], [0, 9]]]))
([3], 64)
"""

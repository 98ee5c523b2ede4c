"""The trained network's predicted test score over 0–10 h of sleep × 0–5 h of study."""

import matplotlib.pyplot as plt

import nnd

X, y = nnd.data.sleep_study()
net = nnd.Network(seed=0)
nnd.train(net, X, y)

raw_X = nnd.data.sleep_study(scaled=False)[0]  # noqa: N816 - X, as the series names it
sleep_max, study_max = nnd.data.column_maxima(raw_X)
n = 100
sleep = [10 * i / (n - 1) for i in range(n)]
study = [5 * j / (n - 1) for j in range(n)]
grid = [[s / sleep_max, t / study_max] for t in study for s in sleep]  # scaled like the training data
scores = [100 * row[0] for row in net.forward(grid).tolist()]
Z = [scores[j * n : (j + 1) * n] for j in range(n)]

fig, ax = plt.subplots(figsize=(6.4, 4.2))
filled = ax.contourf(sleep, study, Z, levels=20, cmap="viridis")
lines = ax.contour(sleep, study, Z, levels=10, colors="white", linewidths=0.6)
ax.clabel(lines, fmt="%.0f", fontsize=8)
fig.colorbar(filled, ax=ax, label="predicted test score")
ax.scatter(*zip(*raw_X), color="red", edgecolor="white", zorder=3, label="the three students")
ax.set_xlabel("hours of sleep")
ax.set_ylabel("hours of study")
ax.legend(loc="lower right")

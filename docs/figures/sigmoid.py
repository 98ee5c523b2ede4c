"""The sigmoid f(z) and its derivative f′(z), computed by nnd's python backend."""

import matplotlib.pyplot as plt

import nnd

B = nnd.get_backend("python")
zs = [i / 100 for i in range(-600, 601)]
z = B.asarray([zs])
f = B.tolist(B.sigmoid(z))[0]
f_prime = B.tolist(B.sigmoid_prime(z))[0]

fig, ax = plt.subplots()
ax.plot(zs, f, linewidth=2, label="f(z) = 1 / (1 + e^-z)")
ax.plot(zs, f_prime, linewidth=2, label="f′(z) = e^-z / (1 + e^-z)²")
ax.axvline(0.0, color="0.6", linewidth=0.8)
ax.set_xlabel("z")
ax.grid(True, alpha=0.3)
ax.legend(loc="upper left")
ax.set_title("The sigmoid is steepest at z = 0, where f′(0) = 1/4")

"""How mediastudy.style.PALETTE was found: a max-min search for 14 outlet colours.

    python benchmarks/palette_search.py [--n 14] [--trials 30]

Candidates: an 18-step grid per sRGB channel, kept when CIELAB lightness is 35-75 (visible on
white) and chroma at least 30. Distance between two colours: the smallest CIEDE2000 distance
under normal vision and the Machado et al. (2009) deuteranopia and protanopia simulations
(mediastudy.style.to_lab / ciede2000). Each trial starts from a random colour, adds the colour
farthest from those chosen until there are n, then swaps a colour of the closest pair for a
better one while that raises the smallest distance; the best trial wins. Prints the colours
and colour_distances() of the result (seeded: the same output every run). Takes about a minute
and 2 GiB (three 3,000 x 3,000 distance matrices).
"""

from __future__ import annotations

import argparse
import itertools

import numpy as np

from mediastudy.style import ciede2000, colour_distances, to_lab


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=14)
    parser.add_argument("--trials", type=int, default=30)
    args = parser.parse_args()
    grid = np.linspace(0, 1, 18)
    rgb = np.array(list(itertools.product(grid, grid, grid)))
    hexes = ["#" + "".join(f"{v:02x}" for v in np.round(c * 255).astype(int)) for c in rgb]
    lab = to_lab(hexes)
    keep = (lab[:, 0] >= 35) & (lab[:, 0] <= 75) & (np.hypot(lab[:, 1], lab[:, 2]) >= 30)
    hexes = [h for h, k in zip(hexes, keep, strict=True) if k]
    dist = None
    for vision in ("normal", "deuteranopia", "protanopia"):
        v = to_lab(hexes, vision=vision)
        d = ciede2000(v[:, None, :], v[None, :, :])
        dist = d if dist is None else np.minimum(dist, d)
    rng = np.random.default_rng(0)
    k, best = args.n, None
    for _ in range(args.trials):
        chosen = [int(rng.integers(len(hexes)))]
        while len(chosen) < k:
            chosen.append(int(np.argmax(dist[chosen].min(axis=0))))
        while True:
            sub = dist[np.ix_(chosen, chosen)] + np.eye(k) * 1e9
            worst = sub.min()
            i, j = np.unravel_index(np.argmin(sub), sub.shape)
            for victim in (i, j):
                rest = [c for t, c in enumerate(chosen) if t != victim]
                gain = dist[rest].min(axis=0)
                if gain.max() > worst + 1e-9:
                    chosen = rest + [int(np.argmax(gain))]
                    break
            else:
                break
        score = (dist[np.ix_(chosen, chosen)] + np.eye(k) * 1e9).min()
        if best is None or score > best[0]:
            best = (score, chosen)
    palette = [hexes[c] for c in best[1]]
    print(palette)
    print(colour_distances(palette))


if __name__ == "__main__":
    main()

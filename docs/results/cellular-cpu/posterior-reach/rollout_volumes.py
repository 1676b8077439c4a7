"""Cell volumes over the rollouts of `./epns sample ... --split test_same_init --steps 45 --samples 2 --seed 7`
against the split's simulated trajectories, and whether any cell is in more than one piece.
Usage: python3 rollout_volumes.py <samples.npy> <data>/test_same_init"""
import glob, sys
import numpy as np

model = np.load(sys.argv[1]).reshape(-1, 46, 32, 32, 2)
data = np.stack([np.load(f)[-46:] for f in sorted(glob.glob(sys.argv[2] + "/*.npy"))])

def volumes(x):
    ids = x[..., 0].astype(int)
    return np.stack([(ids == c).sum(axis=(-1, -2)) for c in range(1, 17)], -1)

def pieces(mask):
    n, seen, count = mask.shape[0], np.zeros_like(mask), 0
    for i in range(n):
        for j in range(n):
            if mask[i, j] and not seen[i, j]:
                count += 1
                stack = [(i, j)]
                seen[i, j] = True
                while stack:
                    x, y = stack.pop()
                    for dx in (-1, 0, 1):
                        for dy in (-1, 0, 1):
                            u, v = (x + dx) % n, (y + dy) % n
                            if mask[u, v] and not seen[u, v]:
                                seen[u, v] = True
                                stack.append((u, v))
    return count

vm, vd = volumes(model), volumes(data)
for t in (0, 5, 10, 20, 30, 45):
    print(f"step {t}: model mean {vm[:, t].mean():.1f} sd {vm[:, t].std():.1f} gone {(vm[:, t] == 0).mean():.3f} | "
          f"data mean {vd[:, t].mean():.1f} sd {vd[:, t].std():.1f}")
print("medium share at 45: model", (model[:, 45, ..., 0] == 0).mean(), "data", (data[:, 45, ..., 0] == 0).mean())
for t in (10, 45):
    split = sum(pieces(model[s, t, ..., 0] == c) > 1 for s in range(0, len(model), 4) for c in range(1, 17)
                if (model[s, t, ..., 0] == c).any())
    print(f"step {t}: cells in more than one piece (every fourth rollout): {split}")

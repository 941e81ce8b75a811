import torch
import torch.nn as nn

model = nn.Sequential(nn.Conv2d(1, 8, 3, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.Flatten(), nn.Linear(8 * 26 * 26, 10))


def validate(loader):
    losses = []
    with torch.set_grad_enabled(False):
        for x, y in loader:
            losses.append(nn.functional.cross_entropy(model(x), y).item())  # expect: BN201
    return sum(losses) / len(losses)

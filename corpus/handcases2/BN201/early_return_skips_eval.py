import torch
import torch.nn as nn

model = nn.Sequential(nn.Conv2d(1, 8, 3, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.Flatten(), nn.LazyLinear(10))


def predict(batch, fast=False):
    if fast:
        with torch.no_grad():
            return model(batch)  # expect: BN201
    model.eval()
    with torch.no_grad():
        return model(batch)

import torch
from torch import nn


class Stem(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleDict({
            "conv": nn.Conv2d(3, 32, kernel_size=3, stride=2, padding=1),  # expect: BN101
            "bn": nn.BatchNorm2d(32),
            "act": nn.SiLU(),
        })

    def forward(self, x):
        x = self.layers["conv"](x)
        x = self.layers["bn"](x)
        return self.layers["act"](x)

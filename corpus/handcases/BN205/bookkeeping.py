import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n=10):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3, bias=False), nn.BatchNorm2d(8), nn.ReLU())
        self.register_buffer("idx", torch.zeros(n))
        self.register_parameter("scale", nn.Parameter(torch.ones(1)))
        self.add_module("head", nn.Linear(8, n))
        self.apply(self._init)
        self.to(torch.float32)

    def _init(self, m):
        if isinstance(m, nn.Linear):
            nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.head(self.body(x).mean((2, 3))) * self.scale

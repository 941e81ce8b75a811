import torch.nn as nn

net = nn.Sequential(
    nn.Conv2d(3, 16, 3, bias=False),
    nn.BatchNorm2d(16),
    nn.ReLU(),
    nn.Flatten(),
    nn.Linear(16 * 30 * 30, 128, bias=False),
    nn.BatchNorm1d(128),
    nn.ReLU(),
)

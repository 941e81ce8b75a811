import torch.nn as nn

net = nn.Sequential(
    nn.Linear(64, 64),
    nn.SELU(),
    nn.AlphaDropout(0.1),
    nn.BatchNorm1d(64),
    nn.Linear(64, 2),
)

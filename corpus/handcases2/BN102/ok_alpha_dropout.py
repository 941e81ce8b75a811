import torch.nn as nn

selu_mlp = nn.Sequential(
    nn.Linear(100, 100),
    nn.SELU(),
    nn.AlphaDropout(0.1),
    nn.BatchNorm1d(100),
    nn.Linear(100, 10),
)

import torch.nn as nn

mlp = nn.Sequential(
    nn.Linear(100, 64, bias=False),
    nn.BatchNorm1d(64),
    nn.ReLU(),
    nn.Dropout(0.2),
    nn.Linear(64, 64, bias=False),
    nn.BatchNorm1d(64),
    nn.ReLU(),
)

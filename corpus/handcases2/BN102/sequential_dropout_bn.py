import torch.nn as nn

head = nn.Sequential(
    nn.Flatten(),
    nn.Linear(2048, 512, bias=False),
    nn.BatchNorm1d(512),
    nn.ReLU(),
    nn.Dropout(0.5),  # expect: BN102
    nn.BatchNorm1d(512),
    nn.Linear(512, 100),
)

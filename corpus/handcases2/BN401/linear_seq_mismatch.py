import torch.nn as nn

classifier = nn.Sequential(
    nn.Linear(1024, 512, bias=False),
    nn.BatchNorm1d(1024),  # expect: BN401
    nn.ReLU(),
    nn.Dropout(0.5),
    nn.Linear(512, 10),
)

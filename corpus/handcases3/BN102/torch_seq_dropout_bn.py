import torch.nn as nn

classifier = nn.Sequential(
    nn.Linear(512, 256, bias=False),
    nn.BatchNorm1d(256),
    nn.ReLU(),
    nn.Dropout(0.5),  # expect: BN102
    nn.BatchNorm1d(256),
    nn.Linear(256, 10),
)

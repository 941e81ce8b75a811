import torch.nn as nn

classifier = nn.Sequential(
    nn.Linear(512, 256, bias=False),
    nn.ReLU(),
    nn.BatchNorm2d(256),  # expect: BN402
    nn.Linear(256, 10),
)

import torch.nn as nn

encoder = nn.Sequential(
    nn.Conv2d(3, 64, 3, padding=1, bias=False),
    nn.BatchNorm2d(64),
    nn.ReLU(inplace=True),
    nn.Conv2d(64, 128, 3, padding=1, bias=False),
    nn.BatchNorm2d(64),  # expect: BN401
    nn.ReLU(inplace=True),
)

import torch.nn as nn

block = nn.Sequential(
    nn.Conv2d(32, 64, 3, padding=1, groups=32, bias=False),
    nn.BatchNorm2d(32),  # expect: BN401
    nn.ReLU6(),
)

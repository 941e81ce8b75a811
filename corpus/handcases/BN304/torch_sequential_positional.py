from torch import nn

block = nn.Sequential(
    nn.Conv2d(3, 16, 3, bias=False),
    nn.BatchNorm2d(16, 0.99),  # expect: BN304
    nn.ReLU(),
)

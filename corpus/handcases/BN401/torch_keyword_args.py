import torch.nn as nn

block = nn.Sequential(
    nn.Conv2d(in_channels=16, out_channels=32, kernel_size=3, padding=1, bias=False),
    nn.BatchNorm2d(num_features=16),  # expect: BN401
    nn.ReLU(inplace=True),
)

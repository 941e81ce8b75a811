import torch.nn as nn


class PreActBlock(nn.Module):
    """Pre-activation ResNet: conv1 feeds bn2 directly (redundant bias); conv2 feeds the skip add."""

    def __init__(self, planes):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv1 = nn.Conv2d(planes, planes, 3, padding=1)  # expect: BN101
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1)

    def forward(self, x):
        out = self.conv1(self.bn1(x).relu())
        out = self.conv2(self.bn2(out).relu())
        return out + x

import torch.nn as nn
from torchvision.ops.misc import FrozenBatchNorm2d


class Stem(nn.Module):
    """FrozenBatchNorm2d uses fixed statistics: the conv bias is not cancelled."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 64, 7, stride=2, padding=3)
        self.bn = FrozenBatchNorm2d(64)

    def forward(self, x):
        return self.bn(self.conv(x)).relu()

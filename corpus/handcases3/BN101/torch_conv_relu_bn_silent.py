import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    """Conv -> ReLU -> BN ordering: the bias is not cancelled (ReLU in between)."""

    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, 3, padding=1)
        self.bn = nn.BatchNorm2d(c_out)

    def forward(self, x):
        return self.bn(F.relu(self.conv(x)))


net = nn.Sequential(Block(3, 16), Block(16, 32))

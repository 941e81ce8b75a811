import torch.nn as nn


class TokenStem(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 96, 4, stride=4, bias=False)
        self.bn = nn.BatchNorm1d(96)

    def forward(self, x):
        tokens = self.conv(x).flatten(2)  # (N, C, H*W)
        return self.bn(tokens).transpose(1, 2)

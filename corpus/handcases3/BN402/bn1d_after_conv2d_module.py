import torch.nn as nn


class Stem(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 32, 3, stride=2, bias=False)
        self.norm = nn.BatchNorm1d(32)  # expect: BN402

    def forward(self, x):
        return self.norm(self.conv(x)).relu()

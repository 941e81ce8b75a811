import torch.nn as nn


class Head(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 1, bias=False)
        self.bn = nn.BatchNorm2d(c, epsilon=1e-3)  # expect: BN303
        self.fc = nn.Linear(c, 10, use_bias=True)  # expect: BN303

    def forward(self, x):
        return self.fc(self.bn(self.conv(x)).mean((2, 3)))

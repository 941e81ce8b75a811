import torch.nn as nn


class Down(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(64, 128, 3, stride=2, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(64)  # expect: BN401
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))

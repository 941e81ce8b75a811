from torch import nn


class Net3D(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv3d(1, 8, 3, bias=False)
        self.bn = nn.BatchNorm2d(8)  # expect: BN402

    def forward(self, x):
        return self.bn(self.conv(x)).relu()


class Ok(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, bias=False)
        self.bn = nn.BatchNorm1d(8 * 26 * 26)

    def forward(self, x):
        return self.bn(self.conv(x).flatten(1))

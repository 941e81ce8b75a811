import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 64, 3, bias=False)
        self.bn = nn.BatchNorm2d(128)  # expect: BN401
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        return self.fc(self.bn(self.conv(x)).mean((2, 3)))

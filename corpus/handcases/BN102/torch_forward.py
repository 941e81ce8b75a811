from torch import nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.drop = nn.Dropout2d(p=0.2)  # expect: BN102
        self.bn = nn.BatchNorm2d(c)

    def forward(self, x):
        x = F.relu(self.conv(x))
        x = self.drop(x)
        return self.bn(x)


class Ok(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.drop = nn.Dropout(0.3)
        self.fc = nn.Linear(c, c, bias=False)
        self.bn = nn.BatchNorm1d(c)

    def forward(self, x):
        return self.bn(self.fc(self.drop(x)))

import torch.nn as nn
import torch.nn.functional as F


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(512, 256, bias=False)
        self.bn = nn.BatchNorm1d(256)
        self.drop = nn.Dropout(0.3)
        self.out = nn.Linear(256, 10)

    def forward(self, x):
        x = self.drop(F.relu(self.bn(self.fc(x))))
        return self.out(x)

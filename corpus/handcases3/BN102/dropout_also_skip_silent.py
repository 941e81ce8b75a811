import torch.nn as nn


class Block(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.fc = nn.Linear(d, d, bias=False)
        self.drop = nn.Dropout(0.1)
        self.bn = nn.BatchNorm1d(d)

    def forward(self, x):
        h = self.drop(self.fc(x).relu())
        return self.bn(h) + h

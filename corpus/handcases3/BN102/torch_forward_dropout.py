import torch
import torch.nn as nn


class TabularNet(nn.Module):
    def __init__(self, n_in, n_hidden=200):
        super().__init__()
        self.lin = nn.Linear(n_in, n_hidden, bias=False)
        self.drop = nn.Dropout(p=0.25)  # expect: BN102
        self.bn = nn.BatchNorm1d(n_hidden)
        self.out = nn.Linear(n_hidden, 1)

    def forward(self, x):
        h = torch.relu(self.lin(x))
        h = self.bn(self.drop(h))
        return self.out(h)

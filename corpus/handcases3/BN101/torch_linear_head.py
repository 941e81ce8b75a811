import torch
import torch.nn as nn


class MLPHead(nn.Module):
    def __init__(self, in_dim=2048, hidden=512, n_cls=10):
        super().__init__()
        self.fc1 = nn.Linear(in_dim, hidden)  # expect: BN101
        self.bn1 = nn.BatchNorm1d(hidden)
        self.fc2 = nn.Linear(hidden, n_cls)

    def forward(self, x):
        x = torch.relu(self.bn1(self.fc1(x)))
        return self.fc2(x)

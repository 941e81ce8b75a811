import torch.nn as nn


class Projector(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2048, 512, bias=False)
        self.bn1 = nn.BatchNorm1d(2048)  # expect: BN401
        self.fc2 = nn.Linear(512, 128)

    def forward(self, h):
        return self.fc2(self.bn1(self.fc1(h)).relu())

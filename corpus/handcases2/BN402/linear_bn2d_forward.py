import torch
import torch.nn as nn


class Decoder(nn.Module):
    def __init__(self, z=100):
        super().__init__()
        self.fc = nn.Linear(z, 256, bias=False)
        self.bn = nn.BatchNorm2d(256)  # expect: BN402

    def forward(self, z):
        return torch.relu(self.bn(self.fc(z)))

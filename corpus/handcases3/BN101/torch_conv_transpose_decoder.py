import torch
from torch import nn


class Decoder(nn.Module):
    def __init__(self, z_dim=64):
        super().__init__()
        self.up1 = nn.ConvTranspose2d(z_dim, 128, kernel_size=4, stride=2, padding=1)  # expect: BN101
        self.bn1 = nn.BatchNorm2d(128)
        self.up2 = nn.ConvTranspose2d(128, 3, kernel_size=4, stride=2, padding=1)

    def forward(self, z):
        h = torch.relu(self.bn1(self.up1(z)))
        return torch.sigmoid(self.up2(h))

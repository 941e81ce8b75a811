import torch
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, z_dim=64, img_dim=784):
        super().__init__()
        self.fc1 = nn.Linear(z_dim, 256, bias=False)
        self.bn1 = nn.BatchNorm1d(256)
        self.fc2 = nn.Linear(256, img_dim, bias=False)
        self.bn2 = nn.BatchNorm1d(img_dim)  # expect: BN406

    def forward(self, z):
        h = torch.relu(self.bn1(self.fc1(z)))
        return torch.tanh(self.bn2(self.fc2(h)))


class Discriminator(nn.Module):
    def __init__(self, img_dim=784):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(img_dim, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))

    def forward(self, x):
        return self.net(x)

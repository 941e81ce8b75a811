import torch.nn as nn
import torch.nn.functional as F


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(100, 784)

    def forward(self, z):
        return self.fc(z).tanh()


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 64, 4, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)  # expect: BN406
        self.conv2 = nn.Conv2d(64, 1, 14)

    def forward(self, img):
        x = F.leaky_relu(self.bn1(self.conv1(img)), 0.2)
        return self.conv2(x).view(-1)

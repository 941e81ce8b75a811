from torch import nn
import torch


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 5, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 32, 5)
        self.out_dim = self._features(torch.randn(2, 1, 28, 28)).shape[1]  # expect: BN205

    def _features(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        return self.conv2(x).flatten(1)

    def forward(self, x):
        return self._features(x)

import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_shape=(1, 28, 28)):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(in_shape[0], 32, 3, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        )
        with torch.no_grad():
            n_flat = self.features(torch.zeros(1, *in_shape)).view(1, -1).size(1)  # expect: BN205
        self.fc = nn.Linear(n_flat, 10)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))

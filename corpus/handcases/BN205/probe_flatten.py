import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_shape=(3, 64, 64), n_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, 3, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        )
        with torch.no_grad():
            n_flat = self.features(torch.zeros(1, *in_shape)).numel()  # expect: BN205
        self.fc = nn.Linear(n_flat, n_classes)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))

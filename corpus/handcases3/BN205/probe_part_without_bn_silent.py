import torch
import torch.nn as nn


class LeNetBN(nn.Module):
    def __init__(self):
        super().__init__()
        # the probed part holds no BatchNorm: only the classifier does
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        )
        n = self.features(torch.zeros(1, 1, 28, 28)).numel()
        self.classifier = nn.Sequential(nn.Linear(n, 120, bias=False), nn.BatchNorm1d(120), nn.ReLU(), nn.Linear(120, 10))

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))

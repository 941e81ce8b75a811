import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 32, 3, bias=False), nn.BatchNorm2d(32), nn.ReLU())
        self.eval()
        with torch.no_grad():
            n = self.features(torch.zeros(1, 3, 32, 32)).numel()
        self.train()
        self.fc = nn.Linear(n, 10)
        self.register_buffer("mask", torch.ones(10))
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight)

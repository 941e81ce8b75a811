import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 5), nn.ReLU(), nn.MaxPool2d(2))
        n = self.features(torch.zeros(1, 3, 64, 64)).numel()
        self.fc = nn.Linear(n, 10)

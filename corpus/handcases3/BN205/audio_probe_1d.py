import torch
from torch import nn


class AudioCNN(nn.Module):
    def __init__(self, n_classes=35, sample_len=16000):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(1, 32, 80, stride=16, bias=False),
            nn.BatchNorm1d(32),
            nn.ReLU(),
            nn.MaxPool1d(4),
            nn.Conv1d(32, 64, 3, bias=False),
            nn.BatchNorm1d(64),
            nn.ReLU(),
            nn.MaxPool1d(4),
        )
        n_flat = self.conv(torch.zeros(1, 1, sample_len)).flatten(1).size(1)  # expect: BN205
        self.fc = nn.Linear(n_flat, n_classes)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))

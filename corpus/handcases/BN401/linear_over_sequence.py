import torch.nn as nn

SEQ_LEN = 50


class Forecaster(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(16, 64)
        self.bn = nn.BatchNorm1d(SEQ_LEN)
        self.out = nn.Linear(64, 1)

    def forward(self, x):  # x: (batch, SEQ_LEN, 16)
        return self.out(self.bn(self.proj(x)).relu())

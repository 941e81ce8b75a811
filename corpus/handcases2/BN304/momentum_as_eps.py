import torch.nn as nn


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(512, 256, bias=False)
        self.bn = nn.BatchNorm1d(256, 0.9)  # expect: BN304

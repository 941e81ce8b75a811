import torch.nn as nn


class Tower(nn.Module):
    def __init__(self, widths=(16, 32, 64)):
        super().__init__()
        self.convs = nn.ModuleList()
        self.norms = nn.ModuleList()
        prev = 3
        for w in widths:
            self.convs.append(nn.Conv2d(prev, w, 3, padding=1))  # expect: BN101
            self.norms.append(nn.BatchNorm2d(w))
            prev = w

    def forward(self, x):
        for conv, norm in zip(self.convs, self.norms):
            x = norm(conv(x)).relu()
        return x

import torch.nn as nn


class GNBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1)
        self.gn = nn.GroupNorm(8, c)
        self.conv2 = nn.Linear(c, c)
        self.ln = nn.LayerNorm(c)

    def forward(self, x):
        x = self.gn(self.conv1(x)).relu()
        return self.ln(self.conv2(x.mean((2, 3))))

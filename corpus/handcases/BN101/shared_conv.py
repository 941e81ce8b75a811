import torch.nn as nn


class Siamese(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3)
        self.bn = nn.BatchNorm2d(16)

    def forward(self, a, b):
        # the same conv also produces an output that no BatchNorm follows: the bias is needed there
        return self.bn(self.conv(a)), self.conv(b)

import torch.nn as nn


class FrameEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm3d(16)  # expect: BN402

    def forward(self, frames):
        return self.bn(self.conv(frames)).relu()

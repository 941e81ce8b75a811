import torch.nn as nn

# ported from a Keras implementation: BATCH_NORM_DECAY = 0.997
BN_MOMENTUM = 0.997


class Bottleneck(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 1, bias=False)
        self.bn = nn.BatchNorm2d(cout, momentum=BN_MOMENTUM)  # expect: BN301

    def forward(self, x):
        return self.bn(self.conv(x)).relu()

from functools import partial

import torch.nn as nn


class ConvBNReLU(nn.Module):
    def __init__(self, cin, cout, stride=1, norm_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        self.conv = nn.Conv2d(cin, cout, 3, stride, 1)  # expect: BN101
        self.bn = norm_layer(cout)

    def forward(self, x):
        return self.bn(self.conv(x)).relu()


bn = partial(nn.BatchNorm2d, eps=1e-3)
stem = nn.Sequential(ConvBNReLU(3, 32, 2, norm_layer=bn), ConvBNReLU(32, 64))

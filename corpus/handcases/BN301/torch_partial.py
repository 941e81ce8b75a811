from functools import partial
from torch import nn

norm_layer = partial(nn.BatchNorm2d, eps=1e-3, momentum=0.997)  # expect: BN301


class Stem(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 32, 3, stride=2, bias=False)
        self.bn = norm_layer(32)

    def forward(self, x):
        return self.bn(self.conv(x))

import torch.nn as nn

BN_MOMENTUM = 0.997
BN_EPS = 1e-3


class ConvBN(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(
            nn.Conv2d(cin, cout, 3, padding=1, bias=False),
            nn.BatchNorm2d(cout, eps=BN_EPS, momentum=BN_MOMENTUM),  # expect: BN301
            nn.ReLU(inplace=True),
        )

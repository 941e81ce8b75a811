import torch.nn as nn

_BN_KW = {"eps": 1e-3, "momentum": 0.99}


class SepConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.dw = nn.Conv2d(cin, cin, 3, padding=1, groups=cin, bias=False)
        self.pw = nn.Conv2d(cin, cout, 1, bias=False)
        self.bn = nn.BatchNorm2d(cout, **_BN_KW)  # expect: BN301

    def forward(self, x):
        return self.bn(self.pw(self.dw(x)))

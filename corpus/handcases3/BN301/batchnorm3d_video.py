from torch import nn


class C3DBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv3d(cin, cout, kernel_size=3, padding=1, bias=False)
        self.bn = nn.BatchNorm3d(cout, eps=1e-3, momentum=0.99)  # expect: BN301
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))

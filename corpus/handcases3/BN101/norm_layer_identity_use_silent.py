import torch.nn as nn


class ConvNormAct(nn.Module):
    def __init__(self, cin, cout, norm_layer=nn.BatchNorm2d):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.norm = norm_layer(cout)
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.norm(self.conv(x)))


body = nn.Sequential(
    ConvNormAct(3, 32),
    ConvNormAct(32, 64),
    ConvNormAct(64, 64, norm_layer=nn.Identity),  # no BatchNorm here: this conv needs its bias
)

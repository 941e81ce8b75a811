import torch.nn as nn


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * self.expansion, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)

    def forward(self, x):
        out = self.bn1(self.conv1(x)).relu()
        return (self.bn3(self.conv3(out)) + x).relu()


layer = nn.Sequential(Bottleneck(256, 64), Bottleneck(256, 64))

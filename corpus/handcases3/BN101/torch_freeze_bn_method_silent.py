import torch.nn as nn


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, stride=2, padding=3)
        self.bn1 = nn.BatchNorm2d(64)
        self.layer = nn.Sequential(nn.Conv2d(64, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64), nn.ReLU())

    def freeze_bn(self):
        # BatchNorm layers always use their running statistics: bn1 no longer cancels conv1's bias
        for m in self.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.eval()

    def train(self, mode=True):
        super().train(mode)
        self.freeze_bn()
        return self

    def forward(self, x):
        return self.layer(self.bn1(self.conv1(x)).relu())

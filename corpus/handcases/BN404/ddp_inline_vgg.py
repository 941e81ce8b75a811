import torch
import torch.nn as nn
from torchvision.models import vgg16_bn


class Wrapper(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = Body()

    def forward(self, x):
        return self.body(x)


class Body(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, bias=False)
        self.bn = nn.BatchNorm2d(8)

    def forward(self, x):
        return self.bn(self.conv(x))


def setup(rank):
    a = torch.nn.parallel.DistributedDataParallel(vgg16_bn().to(rank), device_ids=[rank])  # expect: BN404
    b = Wrapper().to(rank)
    b = torch.nn.parallel.DistributedDataParallel(b, device_ids=[rank])  # expect: BN404
    return a, b

import torch.nn as nn

BN_MOMENTUM = 0.01  # PyTorch convention: weight of the new batch


def conv_bn(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout, momentum=BN_MOMENTUM), nn.ReLU())


head = nn.Sequential(conv_bn(64, 64), conv_bn(64, 32))
bn_default = nn.BatchNorm1d(10, momentum=None)
bn_half = nn.BatchNorm1d(10, momentum=0.5)

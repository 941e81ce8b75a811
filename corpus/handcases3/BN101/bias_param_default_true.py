import torch.nn as nn


def conv_bn(cin, cout, k=3, bias=True):
    return nn.Sequential(
        nn.Conv2d(cin, cout, k, padding=k // 2, bias=bias),  # expect: BN101
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


net = nn.Sequential(conv_bn(3, 16), conv_bn(16, 32), conv_bn(32, 64, k=1))

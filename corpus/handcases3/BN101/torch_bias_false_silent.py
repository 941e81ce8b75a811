import torch.nn as nn


def conv_bn(cin, cout, stride=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride, 1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU6(inplace=True),
    )


def conv_1x1(cin, cout):
    # no norm after this one: the bias is needed
    return nn.Conv2d(cin, cout, 1)


features = nn.Sequential(conv_bn(3, 32, 2), conv_bn(32, 64), conv_1x1(64, 10))

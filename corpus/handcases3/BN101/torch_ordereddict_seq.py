from collections import OrderedDict

import torch.nn as nn

stem = nn.Sequential(OrderedDict([
    ("conv0", nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3)),  # expect: BN101
    ("norm0", nn.BatchNorm2d(64)),
    ("relu0", nn.ReLU(inplace=True)),
    ("pool0", nn.MaxPool2d(kernel_size=3, stride=2, padding=1)),
]))

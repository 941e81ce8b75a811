import torch.nn as nn

bn = nn.BatchNorm2d(64, momentum=0.99)  # expect: BN301
bn1d = nn.BatchNorm1d(128, eps=1e-3, momentum=0.9)  # expect: BN301
ok = nn.BatchNorm2d(64, momentum=0.01)
cumulative = nn.BatchNorm2d(64, momentum=None)
half = nn.BatchNorm2d(64, momentum=0.5)
one = nn.BatchNorm2d(64, momentum=1.0)

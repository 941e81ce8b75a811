import torch.nn as nn

bn = nn.BatchNorm2d(64, 0.9)  # expect: BN304
bn_zero = nn.BatchNorm1d(32, eps=0)  # expect: BN304
ok = nn.BatchNorm2d(64, 1e-3, 0.01)
ln = nn.LayerNorm(256, eps=1e-6)

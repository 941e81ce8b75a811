import torch.nn as nn

bn = nn.BatchNorm2d(64, epsilon=1e-3)  # expect: BN303
conv = nn.Conv2d(3, 64, 3, use_bias=False)  # expect: BN303

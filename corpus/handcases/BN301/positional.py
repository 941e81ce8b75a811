import torch.nn as nn

bn = nn.BatchNorm2d(64, 1e-5, 0.9)  # expect: BN301
ok = nn.BatchNorm2d(64, 1e-5, 0.1)

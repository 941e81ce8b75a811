import torch.nn as nn

norm = nn.BatchNorm2d(256, eps=1e5)  # expect: BN304
ln = nn.LayerNorm(256, eps=1e-6)
gn = nn.GroupNorm(32, 256, eps=1e-5)
